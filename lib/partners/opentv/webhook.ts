import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The storefront's entitlement webhook (docs/partners/opentv.md#webhook: OPF's callback payload and auth are not
 * public, so we define them). OPF — here the sandbox — POSTs the JSON event to
 * `${APP_URL}/api/webhooks/opentv` with
 *
 *   x-opentv-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(OPENTV_WEBHOOK_SECRET, "<t>.<raw body>")>
 *
 * The timestamp is signed with the body so a captured call cannot be replayed outside the
 * tolerance window. The receiver must answer HTTP 200 (docs/partners/opentv.md#webhook-endpoint); anything else is retried.
 */

export const OPENTV_SIGNATURE_HEADER = 'x-opentv-signature';

export const ENTITLEMENT_STATUSES = [
  'SUBSCRIBED',
  'UNSUBSCRIBED',
  'SUSPENDED',
  'PENDING',
  'ACTIVE',
  'ACTIVE-ENDING',
  'CANCELLED',
  'REVOKED',
] as const;
export type EntitlementStatus = (typeof ENTITLEMENT_STATUSES)[number];

/** The webhook body (docs/partners/opentv.md#webhook-body). Parse the raw body with this after the signature verified. */
export const entitlementEventSchema = z.object({
  entitlementId: z.string().min(1, 'must be a non-empty string'),
  accountId: z.string().min(1, 'must be a non-empty string'),
  productId: z.string().min(1, 'must be a non-empty string'),
  status: z.enum(ENTITLEMENT_STATUSES, { error: `must be one of ${ENTITLEMENT_STATUSES.join(', ')}` }),
  reasonCode: z.string().min(1).optional(),
  reasonCategory: z.string().min(1).optional(),
  occurredAt: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time' }),
});
export type EntitlementEvent = z.infer<typeof entitlementEventSchema>;

function hmacHex(rawBody: string, secret: string, t: number): string {
  return createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
}

/** The `x-opentv-signature` header value for a body sent at `now`. */
export function signWebhook(rawBody: string, secret: string, now: Date = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmacHex(rawBody, secret, t)}`;
}

export type WebhookVerification =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'signature'; message: string };

/**
 * Checks the header against the raw body (verify before parsing: re-serialising JSON changes
 * bytes). The secret can be rotated without downtime from either side: the sender may send several
 * `v1=` entries, and we may accept several secrets; one match is enough.
 */
export function verifyWebhookSignature(
  rawBody: string,
  header: string | null | undefined,
  secret: string | readonly string[],
  opts: { toleranceS?: number; now?: Date } = {},
): WebhookVerification {
  if (!header) return { ok: false, reason: 'missing', message: `${OPENTV_SIGNATURE_HEADER} header is missing` };
  let t: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d+$/.test(v)) t = Number(v);
    else if (k === 'v1' && v && /^[0-9a-f]{64}$/i.test(v)) candidates.push(v.toLowerCase());
  }
  if (t === undefined || candidates.length === 0) {
    return { ok: false, reason: 'malformed', message: `${OPENTV_SIGNATURE_HEADER} must be "t=<unix>,v1=<hex>"` };
  }
  const toleranceS = opts.toleranceS ?? 300;
  const nowS = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowS - t) > toleranceS) {
    return { ok: false, reason: 'stale', message: `signature timestamp is more than ${toleranceS} s from now` };
  }
  const secrets = typeof secret === 'string' ? [secret] : secret;
  const expected = secrets.map((s) => Buffer.from(hmacHex(rawBody, s, t), 'hex'));
  const match = candidates.some((c) => expected.some((e) => timingSafeEqual(Buffer.from(c, 'hex'), e)));
  return match ? { ok: true, timestamp: t } : { ok: false, reason: 'signature', message: 'signature does not match' };
}
