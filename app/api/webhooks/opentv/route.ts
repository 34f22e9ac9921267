import { readBody } from '@/lib/api/json-body';
import { problem } from '@/lib/api/problem';
import { getConfig } from '@/lib/config';
import { applyEntitlementEvent } from '@/lib/orders';
import { OPENTV_SIGNATURE_HEADER, verifyWebhookSignature } from '@/lib/partners/opentv';
import { clientAddress, hit, tooManyRequests } from '@/lib/security/rate-limit';
import { parseEntitlementWebhook } from './schema';

/** Bodies are a few hundred bytes; anything far larger is not an entitlement event. */
const MAX_BODY_BYTES = 64 * 1024;

const answer = (body: Record<string, unknown>, status: number) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } }); // success only: errors are problem()s

/**
 * `POST /api/webhooks/opentv`: OpenTV's entitlement events (docs/partners/opentv.md#webhook-endpoint "must return HTTP
 * 200", docs/partners/opentv.md#webhook-endpoint). The signature over the raw body is checked first (401, nothing changes), then the
 * body is parsed (400 naming the field, nothing changes); the event is applied idempotently on
 * (entitlement id, status) with database work only, and answered 200.
 */
export async function POST(req: Request): Promise<Response> {
  const limit = await hit('webhook', clientAddress(req.headers));
  if (!limit.ok) return tooManyRequests(limit.retryAfterS);
  // Counted as the bytes stream in: a chunked body has no Content-Length to check first.
  const body = await readBody(req, MAX_BODY_BYTES, 'invalid_body');
  if (!body.ok) return body.problem.toResponse();
  const raw = body.text;

  const verified = verifyWebhookSignature(
    raw,
    req.headers.get(OPENTV_SIGNATURE_HEADER),
    getConfig().opentv.webhookSecrets,
  );
  if (!verified.ok) return problem('invalid_signature', verified.message, { extra: { reason: verified.reason } });

  const parsed = parseEntitlementWebhook(raw);
  if (!parsed.ok) return problem('invalid_body', `${parsed.field}: ${parsed.message}`, { field: parsed.field });

  const outcome = await applyEntitlementEvent(parsed.event);
  return answer({ received: true, outcome: outcome.kind }, 200);
}
