import { getConfig } from '@/lib/config';
import { applyEntitlementEvent } from '@/lib/orders/fulfilment/activation';
import { OPENTV_SIGNATURE_HEADER, verifyWebhookSignature } from '@/lib/partners/opentv';
import { clientAddress, hit, tooManyRequests } from '@/lib/security/rate-limit';
import { readSmallBody } from '@/lib/security/small-body';
import { parseEntitlementWebhook } from './schema';

/** Bodies are a few hundred bytes; anything far larger is not an entitlement event. */
const MAX_BODY_BYTES = 64 * 1024;

const answer = (body: Record<string, unknown>, status: number) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

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
  const body = await readSmallBody(req, MAX_BODY_BYTES);
  if (!body.ok)
    return answer({ error: body.status === 413 ? 'too_large' : 'invalid_body', message: body.message }, body.status);
  const raw = body.text;

  const verified = verifyWebhookSignature(
    raw,
    req.headers.get(OPENTV_SIGNATURE_HEADER),
    getConfig().opentv.webhookSecrets,
  );
  if (!verified.ok)
    return answer({ error: 'invalid_signature', reason: verified.reason, message: verified.message }, 401);

  const parsed = parseEntitlementWebhook(raw);
  if (!parsed.ok) {
    return answer({ error: 'invalid_body', field: parsed.field, message: `${parsed.field}: ${parsed.message}` }, 400);
  }

  const outcome = await applyEntitlementEvent(parsed.event);
  return answer({ received: true, outcome: outcome.kind }, 200);
}
