import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Db } from '@/lib/db/client';
import { orders } from '@/lib/db/schema';
import { flexitiClient, type FlexitiAuthorization, type FlexitiClient } from '@/lib/partners/flexiti';
import { isPartnerError } from '@/lib/partners/errors';
import { confirmPayment, failPayment } from './outcome';
import { PAYMENT_NOT_FOUND, PAYMENT_NOT_REQUESTED } from '../messages';
import { ATTENTION_REASONS } from '../needs-attention/reasons';
import { raiseAttention } from '../attention';
import { isPaid, isPaymentOpen } from '../state-machine';
import { recordOrderNote, type Order } from '../transitions';

/**
 * Makes our order agree with Flexiti, by our reference (the order id is the authorization's
 * `reference`; Flexiti has no webhooks, so we look it up: `GET .../authorizations` for the
 * account). Run by the `flexiti.reconcile` outbox job after an unknown outcome or a crash, and
 * by the recovery sweeper. The rules:
 *
 *  - The order still waits for its payment (PENDING_PAYMENT, PAYMENT_VERIFYING):
 *    - a captured authorization for the order's amount → CONFIRMED, fulfilment jobs in the same
 *      transaction;
 *    - an opened one (Flexiti did not auto-capture) for the order's amount → we capture it, then
 *      CONFIRMED: the customer approved this purchase in the widget and we always ask for
 *      `auto_capture`, so completing the capture is what both sides asked for;
 *    - nothing, once `notFoundAfter` has passed → PAYMENT_FAILED ("nothing was charged");
 *      before that → undecided (the job tries again with backoff).
 *  - Any other authorization with our reference (the order failed, was abandoned or cancelled,
 *    or already has its own payment) is orphan money: released if opened, returned if captured,
 *    and the order's history says so. Money is never kept without a paid order.
 *
 * Every look-up and decision is an `order_events` note; every call is in the call log.
 */

export type ReconcileOutcome =
  | { kind: 'confirmed'; authorizationId: string }
  | { kind: 'failed' }
  /** Nothing left to decide (already final); `orphans` authorizations were given back. */
  | { kind: 'settled'; state: Order['state']; orphans: number }
  /** Not definite yet (Flexiti unavailable, or nothing found yet): try again later. */
  | { kind: 'undecided'; reason: string };

export interface ReconcileOptions {
  /** No authorization found after this time: the payment failed. Default: now (decide now). */
  notFoundAfter?: Date;
  now?: Date;
  correlationId?: string;
  client?: FlexitiClient;
}

/** What is still held or charged on an authorization (cents), when Flexiti says. */
export function heldCents(a: FlexitiAuthorization): number {
  if (a.status === 'released') return 0;
  if (a.status === 'opened') return a.amountCents - (a.releasedCents ?? 0);
  return (a.capturedCents ?? a.amountCents) - (a.returnedCents ?? 0);
}

/** The authorization that pays this order, if Flexiti has one. */
function payingAuthorization(order: Order, list: FlexitiAuthorization[]): FlexitiAuthorization | undefined {
  const usable = (a: FlexitiAuthorization) => a.amountCents === order.amountCents && heldCents(a) === order.amountCents;
  return list.find((a) => a.status === 'captured' && usable(a)) ?? list.find((a) => a.status === 'opened' && usable(a));
}

export async function reconcilePayment(orderId: string, opts: ReconcileOptions = {}): Promise<ReconcileOutcome> {
  const db = await getDb();
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return { kind: 'settled', state: 'PAYMENT_FAILED', orphans: 0 };
  const now = opts.now ?? new Date();
  const note = (cause: string, detail?: Record<string, unknown>) =>
    recordOrderNote(db, { orderId, state: order.state, cause, detail: { referenceId: order.referenceId, ...detail } });

  const accountNumber = order.flexitiAccountNumber;
  if (!accountNumber) {
    // The account is recorded with the intent (PAYMENT_VERIFYING) before `/authorization` is
    // sent, so an open order without one never reached Flexiti's payment endpoint.
    if (!isPaymentOpen(order.state)) return { kind: 'settled', state: order.state, orphans: 0 };
    const failed = await failPayment(db, {
      orderId,
      from: order.state,
      cause: 'recovery.authorization_never_requested',
      reason: PAYMENT_NOT_REQUESTED,
    });
    return failed ? { kind: 'failed' } : { kind: 'undecided', reason: 'the order moved meanwhile' };
  }

  const client = opts.client ?? flexitiClient();
  const flow = { correlationId: opts.correlationId, orderId };
  let list: FlexitiAuthorization[];
  try {
    list = await client.findAuthorizationsByReference(accountNumber, orderId, flow);
  } catch (e) {
    if (!isPartnerError(e)) throw e;
    await note('flexiti.reconcile_lookup_failed', { code: e.code, status: e.status });
    return { kind: 'undecided', reason: `look-up failed: ${e.code} (HTTP ${e.status})` };
  }
  await note('flexiti.reconcile_lookup', {
    found: list.map((a) => ({ authorizationId: a.authorizationId, status: a.status, amountCents: a.amountCents })),
  });

  let keep: FlexitiAuthorization | undefined;
  if (isPaymentOpen(order.state)) {
    keep = payingAuthorization(order, list);
    if (keep) {
      const decided = await settlePaying(db, order, accountNumber, keep, client, flow);
      if (decided.kind !== 'confirmed') return decided;
    } else if (now < (opts.notFoundAfter ?? now)) {
      if (!list.length) return { kind: 'undecided', reason: 'no authorization found yet' };
    } else {
      const failed = await failPayment(db, {
        orderId,
        from: order.state,
        cause: 'flexiti.reconciled_not_found',
        reason: PAYMENT_NOT_FOUND,
        detail: { referenceId: order.referenceId, seen: list.length },
      });
      if (!failed) return { kind: 'undecided', reason: 'the order moved meanwhile' };
    }
  } else if (order.authorizationId) {
    keep = list.find((a) => a.authorizationId === order.authorizationId);
    // A paid order whose payment Flexiti does not hold in full: no rule can say who is right.
    if (isPaid(order.state) && !order.attentionReason && (!keep || heldCents(keep) !== order.amountCents)) {
      await raiseAttention(db, {
        orderId,
        state: order.state,
        reason: ATTENTION_REASONS.partnerMismatch,
        detail: {
          authorizationId: order.authorizationId,
          amountCents: order.amountCents,
          heldCents: keep ? heldCents(keep) : 0,
          listed: !!keep,
        },
      });
    }
  }

  // Everything else with our reference is money without a paid order: give it back.
  let orphans = 0;
  for (const a of list) {
    if (a === keep || a.authorizationId === order.authorizationId || heldCents(a) <= 0) continue;
    const given = await giveBack(db, order, a, client, flow);
    if (!given) return { kind: 'undecided', reason: `could not give back authorization ${a.authorizationId}` };
    orphans++;
  }
  if (keep && isPaymentOpen(order.state)) return { kind: 'confirmed', authorizationId: keep.authorizationId };
  const [after] = await db.select({ state: orders.state }).from(orders).where(eq(orders.id, orderId));
  if (after && isPaymentOpen(after.state)) return { kind: 'undecided', reason: 'still open' };
  return after?.state === 'PAYMENT_FAILED' && isPaymentOpen(order.state)
    ? { kind: 'failed' }
    : { kind: 'settled', state: after?.state ?? order.state, orphans };
}

/** Confirms the order with the authorization that pays it, capturing it first if Flexiti did not. */
export async function settlePaying(
  db: Db,
  order: Order,
  accountNumber: string,
  a: FlexitiAuthorization,
  client: FlexitiClient,
  flow: { correlationId?: string; orderId: string },
  by: { cause?: string; detail?: Record<string, unknown> } = {},
): Promise<ReconcileOutcome> {
  let captureId = a.captureId;
  if (a.status === 'opened') {
    try {
      const c = await client.capture({ authorizationId: a.authorizationId, amountCents: order.amountCents }, flow);
      captureId = c.captureId;
    } catch (e) {
      if (!isPartnerError(e)) throw e;
      // Unknown or refused: the next look-up shows whether the capture happened.
      await recordOrderNote(db, {
        orderId: order.id,
        state: order.state,
        cause: 'flexiti.reconcile_capture_failed',
        detail: { authorizationId: a.authorizationId, code: e.code, status: e.status },
      });
      return { kind: 'undecided', reason: `capture failed: ${e.code}` };
    }
  }
  const confirmed = await confirmPayment(db, {
    orderId: order.id,
    from: order.state,
    cause: by.cause ?? (a.status === 'opened' ? 'flexiti.reconciled_captured_now' : 'flexiti.reconciled_captured'),
    accountNumber,
    authorization: { authorizationId: a.authorizationId, captureId, status: 'captured' },
    detail: { referenceId: order.referenceId, capturedNow: a.status === 'opened', ...by.detail },
  });
  if (!confirmed) return { kind: 'undecided', reason: 'the order moved meanwhile' };
  return { kind: 'confirmed', authorizationId: a.authorizationId };
}

/** Releases an opened authorization, or returns a capture in full. True when done. */
async function giveBack(
  db: Db,
  order: Order,
  a: FlexitiAuthorization,
  client: FlexitiClient,
  flow: { correlationId?: string; orderId: string },
): Promise<boolean> {
  const base = { authorizationId: a.authorizationId, amountCents: heldCents(a), orderState: order.state };
  try {
    if (a.status === 'opened') {
      await client.release(a.authorizationId, flow);
      await recordOrderNote(db, {
        orderId: order.id,
        state: order.state,
        cause: 'flexiti.orphan_released',
        detail: base,
      });
    } else {
      if (!a.captureId) throw new Error(`authorization ${a.authorizationId} is ${a.status} without a capture id`);
      const r = await client.returnCapture(
        { authorizationId: a.authorizationId, captureId: a.captureId, reference: order.id, full: true },
        flow,
      );
      await recordOrderNote(db, {
        orderId: order.id,
        state: order.state,
        cause: 'flexiti.orphan_returned',
        detail: { ...base, returnId: r.returnId },
      });
    }
    return true;
  } catch (e) {
    if (!isPartnerError(e)) throw e;
    await recordOrderNote(db, {
      orderId: order.id,
      state: order.state,
      cause: 'flexiti.orphan_give_back_failed',
      detail: { ...base, code: e.code, status: e.status },
    });
    return false;
  }
}
