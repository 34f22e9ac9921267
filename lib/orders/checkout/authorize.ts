import 'server-only';
import { maskAccountNumber } from '@/lib/security/mask';
import { notice } from '@/lib/i18n/notice';
import { and, eq, inArray } from 'drizzle-orm';
import { type Db } from '@/lib/db/client';
import { orders, outboxJobs } from '@/lib/db/schema';
import { type FlexitiClient, type FlowContext } from '@/lib/partners/flexiti';
import { isPartnerError } from '@/lib/partners/errors';
import { getConfig } from '@/lib/config';
import { settleJob, tryJobsNow } from '@/lib/outbox';
import { platformNow } from '@/lib/platform/clock';
import { reconcileJob } from '../jobs/payment-reconcile';
import { confirmPayment } from '../payment/outcome';
import { isPaid, ONE_LIVE_STATES } from '../state-machine';
import { recordOrderNote, transitionOrder, type Order } from '../transitions';
import { type FlowRow, type WidgetOutcome } from './types';
import { fail, failFromError, verifying } from './outcome';
import { isLivePlanConflict } from '../live-plan';
import { authorizationMismatch } from './price';

/** `/authorization` and what follows it: the order confirmed, failed, or reconciled. */

/**
 * `/authorization` with the intent recorded first, in its own transaction: the order moves to
 * PAYMENT_VERIFYING and a reconciliation job is scheduled after a grace period. A crash at any
 * later point leaves an order that the job settles against Flexiti; an answer that is not a
 * definite yes or no (`PartnerError.outcomeUnknown`) is reconciled at once. A definite answer
 * settles the job unrun: nothing is left to look up (and no stray look-up shows in the call log).
 */
export async function authorizeAndConfirm(
  db: Db,
  client: FlexitiClient,
  order: Order,
  flow: FlowRow,
  ctx: FlowContext,
  accountNumber: string,
  widgetSessionId: string,
): Promise<WidgetOutcome> {
  const { payments } = getConfig();
  // The platform clock read once for the whole confirmation (the sandbox clock is a query): its
  // offset from the wall clock, so each later "now" still moves on with the wall clock.
  const offsetMs = (await platformNow(db)).getTime() - Date.now();
  const platformAt = () => new Date(Date.now() + offsetMs);
  const recordIntent = () =>
    db.transaction(async (tx) => {
      const moved = await transitionOrder(tx, {
        orderId: order.id,
        from: 'PENDING_PAYMENT',
        to: 'PAYMENT_VERIFYING',
        cause: 'flexiti.authorization_requested',
        detail: {
          referenceId: flow.referenceId,
          accountNumber: maskAccountNumber(accountNumber),
          amountCents: order.amountCents,
        },
        patch: { flexitiAccountNumber: accountNumber },
      });
      if (!moved) return null;
      return reconcileJob.enqueue(
        tx,
        { orderId: order.id, notFoundAfter: new Date(Date.now() + payments.notFoundAfterMs) },
        { runAt: new Date(platformAt().getTime() + payments.reconcileGraceMs) },
      );
    });
  let intent;
  try {
    intent = await recordIntent();
  } catch (e) {
    // `orders_one_live_plan`: another order for this plan is being paid or is paid (another tab
    // won the race after this checkout started). Flexiti was not asked: nothing to give back.
    if (!isLivePlanConflict(e)) throw e;
    return endAsHeld(db, order, flow);
  }
  if (!intent) {
    return { kind: 'stale', orderId: order.id, ...notice('alreadyEnded') };
  }

  let authorization;
  try {
    authorization = await client.authorize(
      // docs/partners/flexiti.md#authorization: our order id as `reference`, auto_capture for a digital plan.
      { accountNumber, amountCents: order.amountCents, reference: order.id, widgetSessionId, autoCapture: true },
      ctx,
    );
  } catch (e) {
    if (isPartnerError(e) && !e.outcomeUnknown) {
      const failed = await failFromError(db, order, flow, e, 'authorize');
      if (failed.kind === 'failed') await settleJob(db, intent.id, platformAt());
      return failed;
    }
    // Not a definite answer (or our own failure after sending): Flexiti may have taken the money.
    // Ask it now by our reference; the job keeps asking with backoff until it is definite.
    await recordOrderNote(db, {
      orderId: order.id,
      state: 'PAYMENT_VERIFYING',
      cause: 'flexiti.authorization_outcome_unknown',
      detail: isPartnerError(e)
        ? { referenceId: flow.referenceId, code: e.code, status: e.status }
        : { referenceId: flow.referenceId, error: e instanceof Error ? e.name : 'unknown' },
    });
    return reconcileNow(db, order, intent.id);
  }

  // docs/refund-policy.md#price: a success is a payment of this order only if it says so, as the
  // reconciliation would check it; anything else is for the reconciliation, never CONFIRMED.
  const wrong = authorizationMismatch(order, authorization);
  if (wrong.length) {
    await recordOrderNote(db, {
      orderId: order.id,
      state: 'PAYMENT_VERIFYING',
      cause: 'flexiti.authorization_mismatch',
      detail: { referenceId: flow.referenceId, authorizationId: authorization.authorizationId, wrong },
    });
    return reconcileNow(db, order, intent.id);
  }

  const confirmed = await confirmPayment(db, {
    orderId: order.id,
    from: 'PAYMENT_VERIFYING',
    cause: 'flexiti.authorized',
    accountNumber,
    authorization,
    detail: { referenceId: flow.referenceId },
    at: platformAt(),
  });
  if (!confirmed) {
    // Authorized at Flexiti but the order moved meanwhile (the reconciliation decided first):
    // keep the evidence; the reconciliation gives back any payment the order does not use.
    await recordOrderNote(db, {
      orderId: order.id,
      state: order.state,
      cause: 'flexiti.authorized_after_close',
      detail: { authorizationId: authorization.authorizationId, referenceId: flow.referenceId },
    });
    const [now] = await db.select({ state: orders.state }).from(orders).where(eq(orders.id, order.id));
    if (now && isPaid(now.state)) return { kind: 'paid', orderId: order.id };
    return { kind: 'stale', orderId: order.id, ...notice('endedTeamWillCheck') };
  }
  await settleJob(db, intent.id, platformAt());
  return { kind: 'paid', orderId: order.id };
}

async function endAsHeld(db: Db, order: Order, flow: FlowRow): Promise<WidgetOutcome> {
  const [other] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.customerId, order.customerId),
        eq(orders.productId, order.productId),
        inArray(orders.state, [...ONE_LIVE_STATES]),
      ),
    )
    .limit(1);
  const heldOrderId = other?.id ?? order.id;
  const said = notice('alreadyHeld', { orderId: heldOrderId });
  const ended = await fail(db, order, flow, 'checkout.already_held', {
    ...said,
    detail: { heldOrderId },
  });
  if (ended.kind !== 'failed') return ended;
  return { kind: 'held', orderId: order.id, heldOrderId, ...said };
}

/** Settles the order by the reconciliation now; what the customer is told from where it got. */
async function reconcileNow(db: Db, order: Order, jobId: number): Promise<WidgetOutcome> {
  await runReconcileNow(db, jobId);
  const [now] = await db.select({ state: orders.state }).from(orders).where(eq(orders.id, order.id));
  if (now && isPaid(now.state)) return { kind: 'paid', orderId: order.id };
  if (now?.state === 'PAYMENT_FAILED') {
    return { kind: 'failed', orderId: order.id, ...notice('notTaken') };
  }
  return verifying(order.id);
}

/** Makes the order's reconciliation job due now and runs it once (the worker retries the rest). */
export async function runReconcileNow(db: Db, jobId: number): Promise<void> {
  const now = await platformNow(db);
  await db
    .update(outboxJobs)
    .set({ runAt: now, updatedAt: now })
    .where(and(eq(outboxJobs.id, jobId), eq(outboxJobs.status, 'pending')));
  await tryJobsNow([jobId]);
}
