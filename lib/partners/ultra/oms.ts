import 'server-only';
import { z } from 'zod';
import { partnerFetch, PartnerHttpError } from '@/lib/partners/http';
import { redactLogText } from '@/lib/security/redact';
import { PartnerError } from '@/lib/partners/errors';

/**
 * Flipkart OMS v3 (docs/partners/ultra.md#oms), for UltraClient.reportOrderState (client.ts): reports
 * one order state change. The app speaks in `OmsOrderEvent` (Dates, amounts in the store currency's major
 * units); the wire shape (field spellings of docs/partners/ultra.md#oms-fields, timestamps per docs/partners/ultra.md#oms-timestamps) stays in this file.
 *
 * Retry timing belongs to the outbox: each call is a single attempt (`maxAttempts: 1`), and a
 * `OmsRetryableError` tells the outbox to back off and try again, so a partner outage is
 * retried for minutes with backoff, not for milliseconds inside one request.
 */

export const OMS_ORDER_STATES = ['ORDER_CONFIRMED', 'ORDER_FULFILLED', 'ORDER_CANCELLED'] as const;
export type OmsOrderState = (typeof OMS_ORDER_STATES)[number];

export interface OmsOrderEvent {
  orderId: string;
  state: OmsOrderState;
  identityToken: string;
  description: string;
  orderTimestamp: Date;
  updatedTimestamp: Date;
  /** What the customer paid, in major units (e.g. 12.99). Must be > 0 (docs/partners/ultra.md#oms-errors code 21). */
  forwardAmount: number;
  /** What was returned to the customer; 0 on ORDER_CONFIRMED (docs/partners/ultra.md#oms-amounts). */
  reverseAmount: number;
  lastFulfillmentDate: Date;
  /** docs/partners/ultra.md#oms-metadata: a few string keys, e.g. category and product id. */
  metadata?: Record<string, string>;
}

export type OmsDelivery = 'delivered' | 'already-delivered';

/** OMS rejected the event for good (our bug: a validation code, 24, a bad token). Dead-letter it. */
export class OmsPermanentError extends PartnerError {
  override readonly partner = 'oms';
  override readonly retryable = false;
  override readonly outcomeUnknown = false;
  constructor(
    message: string,
    readonly orderId: string,
    override readonly status: number | null,
    /** OMS's response code (docs/partners/ultra.md#oms-errors), null without one. */
    override readonly code: number | null,
  ) {
    super(message);
    this.name = 'OmsPermanentError';
  }
}

/** OMS is unavailable or throttling (429/31, 5xx, network): try again later. */
export class OmsRetryableError extends PartnerError {
  override readonly partner = 'oms';
  override readonly code = 'unavailable';
  override readonly retryable = true;
  /** OMS may have stored the event: the retry is safe, a repeat answers 23 (already delivered). */
  override readonly outcomeUnknown = true;
  constructor(
    message: string,
    readonly orderId: string,
    override readonly status: number | null,
    override readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'OmsRetryableError';
  }
}

const eventSchema = z.object({
  orderId: z.string().trim().min(1),
  state: z.enum(OMS_ORDER_STATES),
  identityToken: z.string().trim().min(1),
  // docs/partners/ultra.md#oms-fields: always a non-empty description.
  description: z.string().trim().min(1),
  orderTimestamp: z.date(),
  updatedTimestamp: z.date(),
  forwardAmount: z.number().positive(),
  reverseAmount: z.number().min(0),
  lastFulfillmentDate: z.date(),
  metadata: z.record(z.string(), z.string()).optional(),
});

const errorBody = z.object({ status: z.number(), message: z.string().optional() }).loose();

/** docs/partners/ultra.md#oms-amounts: up to four decimal places. */
const round4 = (n: number) => Math.round(n * 1e4) / 1e4;

function toWire(event: OmsOrderEvent, unit: 'ms' | 's') {
  const ts = (d: Date) => (unit === 's' ? Math.floor(d.getTime() / 1000) : d.getTime());
  return {
    orderId: event.orderId,
    orderState: event.state,
    identityToken: event.identityToken,
    description: event.description,
    orderTimestamp: ts(event.orderTimestamp),
    orderUpdatedTimestamp: ts(event.updatedTimestamp),
    forwardTransaction: round4(event.forwardAmount),
    // docs/partners/ultra.md#oms-amounts: 0 on ORDER_CONFIRMED whatever the caller passed.
    reverseTransaction: event.state === 'ORDER_CONFIRMED' ? 0 : round4(event.reverseAmount),
    lastFulfillmentDate: ts(event.lastFulfillmentDate),
    ...(event.metadata && Object.keys(event.metadata).length ? { orderMetadata: event.metadata } : {}),
  };
}

function retryAfterMs(header: string | null): number | undefined {
  const s = header ? Number(header) : NaN;
  return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}

/** Loud on purpose: a permanent OMS rejection means Flipkart never hears about this order state. */
function permanent(orderId: string, httpStatus: number | null, code: number | null, message: string): never {
  console.error(
    `OMS rejected order ${orderId} for good (HTTP ${httpStatus ?? '-'}, code ${code ?? '-'}): ${redactLogText(message)}`,
  );
  throw new OmsPermanentError(`OMS rejected order ${orderId}: ${message}`, orderId, httpStatus, code);
}

/**
 * `POST {ULTRA_OMS_URL}/3/oms`. 2xx → `delivered`; 400 with code 23 → `already-delivered` (docs/partners/ultra.md#oms-delivery: the state was accepted before, e.g. by an attempt whose answer was lost). 429 and 5xx
 * and network errors → OmsRetryableError; any other answer (24, validation codes, bad token) →
 * OmsPermanentError.
 */
export async function postOrderState(
  oms: { omsUrl: string; omsTimestampUnit: 'ms' | 's' },
  secureToken: () => Promise<string>,
  event: OmsOrderEvent,
  ctx: { correlationId: string; orderId?: string; timeoutMs?: number },
): Promise<OmsDelivery> {
  const checked = eventSchema.safeParse(event);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    permanent(event.orderId, null, null, `invalid event, ${issue?.path.join('.')}: ${issue?.message}`);
  }
  let res;
  try {
    res = await partnerFetch({
      partner: 'oms',
      operation: `reportOrderState ${event.state}`,
      method: 'POST',
      url: `${oms.omsUrl}/3/oms`,
      headers: { secureToken: await secureToken() },
      json: toWire(event, oms.omsTimestampUnit),
      correlationId: ctx.correlationId,
      orderId: ctx.orderId ?? event.orderId,
      timeoutMs: ctx.timeoutMs,
      maxAttempts: 1,
    });
  } catch (e) {
    if (e instanceof PartnerHttpError) throw new OmsRetryableError(e.message, event.orderId, null);
    throw e;
  }
  if (res.status >= 200 && res.status < 300) return 'delivered';
  const body = errorBody.safeParse(res.body);
  const code = body.success ? body.data.status : null;
  const message = (body.success && body.data.message) || `HTTP ${res.status}`;
  if (res.status === 400 && code === 23) return 'already-delivered';
  if (res.status === 429 || res.status >= 500 || res.status === 408) {
    throw new OmsRetryableError(
      `OMS unavailable for order ${event.orderId} (HTTP ${res.status}${code ? `, code ${code}` : ''}): ${message}`,
      event.orderId,
      res.status,
      retryAfterMs(res.headers.get('retry-after')),
    );
  }
  if ((res.status === 404 || res.status === 405) && code === null) {
    // No OMS error body: the base has no OMS endpoint at all (docs/partners/ultra.md#oms-endpoint).
    const path = new URL(`${oms.omsUrl}/3/oms`).pathname;
    permanent(event.orderId, res.status, null, `no OMS endpoint at ${path} (HTTP ${res.status}): check ULTRA_OMS_URL`);
  }
  permanent(event.orderId, res.status, code, message);
}
