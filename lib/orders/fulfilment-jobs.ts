import 'server-only';
import type { DbOrTx } from '@/lib/db/client';
import { enqueue } from '@/lib/outbox/enqueue';

/**
 * The order lifecycle's outbox jobs. Kinds and dedupe keys live here so the services
 * that enqueue them and the handlers that run them agree. One dedupe key per effect: enqueuing
 * the same effect twice is a no-op (lib/outbox/enqueue.ts). OMS reports use the outbox's own
 * `oms.report` kind and `oms:<orderId>:<state>` keys (lib/outbox/jobs/oms-report.ts).
 *
 * Creating and cancelling the entitlement share one kind on purpose: jobs of the same order and
 * kind run in enqueue order (lib/outbox/run.ts), so a cancel can never overtake a create that is
 * still being retried during an OpenTV outage.
 */
export const ENTITLEMENT_JOB = 'opentv.entitlement';
export const FULFIL_JOB = 'order.fulfil';
export const REFUND_JOB = 'order.refund';
/** Looks an unknown payment outcome up at Flexiti until it is definite (lib/orders/payment-reconcile.ts). */
export const PAYMENT_RECONCILE_JOB = 'flexiti.reconcile';

export type EntitlementAction = 'create' | 'cancel';

export const entitlementJobKey = (orderId: string, action: EntitlementAction) => `opentv:${orderId}:${action}`;
export const fulfilJobKey = (orderId: string) => `fulfil:${orderId}`;
export const refundJobKey = (orderId: string) => `refund:${orderId}`;
/** `round` > 0 for a reconciliation the recovery sweeper starts again (the first one ended). */
export const reconcileJobKey = (orderId: string, round = 0) => `reconcile:${orderId}${round ? `:${round}` : ''}`;

export function enqueueEntitlementJob(tx: DbOrTx, orderId: string, action: EntitlementAction) {
  return enqueue(tx, {
    kind: ENTITLEMENT_JOB,
    dedupeKey: entitlementJobKey(orderId, action),
    orderId,
    payload: { orderId, action },
  });
}

/** Runs at `runAt` (= lastFulfillmentDate): the end of the return window. */
export function enqueueFulfilJob(tx: DbOrTx, orderId: string, runAt: Date) {
  return enqueue(tx, { kind: FULFIL_JOB, dedupeKey: fulfilJobKey(orderId), orderId, runAt, payload: { orderId } });
}

export function enqueueRefundJob(tx: DbOrTx, orderId: string) {
  return enqueue(tx, { kind: REFUND_JOB, dedupeKey: refundJobKey(orderId), orderId, payload: { orderId } });
}

/**
 * Reconciles the order's payment at `runAt` (the intent's grace period: long enough for the
 * `/authorization` call itself to finish), deciding "not found" only after `notFoundAfter`.
 * Many attempts: it stops as soon as the outcome is definite, and `notFoundAfter` bounds it.
 */
export function enqueueReconcileJob(
  tx: DbOrTx,
  orderId: string,
  opts: { runAt: Date; notFoundAfter: Date; round?: number },
) {
  return enqueue(tx, {
    kind: PAYMENT_RECONCILE_JOB,
    dedupeKey: reconcileJobKey(orderId, opts.round),
    orderId,
    runAt: opts.runAt,
    maxAttempts: 100,
    payload: { orderId, notFoundAfter: opts.notFoundAfter.toISOString() },
  });
}
