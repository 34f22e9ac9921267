import 'server-only';
import { entitlementEventSchema, type EntitlementEvent } from '@/lib/partners/opentv';

/**
 * The entitlement webhook body (docs/partners/opentv.md#webhook-body; the wire schema lives with the OpenTV partner code,
 * which the sandbox signs and sends with). Parses the raw body, after its signature was verified,
 * into the event or the first problem, naming the field.
 */
export type WebhookBodyResult = { ok: true; event: EntitlementEvent } | { ok: false; field: string; message: string };

export function parseEntitlementWebhook(rawBody: string): WebhookBodyResult {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, field: 'body', message: 'must be a JSON object' };
  }
  const parsed = entitlementEventSchema.safeParse(json);
  if (parsed.success) return { ok: true, event: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, field: issue.path.length ? issue.path.join('.') : 'body', message: issue.message };
}
