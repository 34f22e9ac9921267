import 'server-only';
import type { DbOrTx } from '@/lib/db/client';
import { enqueue } from '@/lib/outbox/enqueue';

/**
 * The order lifecycle's outbox jobs (issue 5 E). Kinds and dedupe keys live here so the services
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

export type EntitlementAction = 'create' | 'cancel';

export const entitlementJobKey = (orderId: string, action: EntitlementAction) => `opentv:${orderId}:${action}`;
export const fulfilJobKey = (orderId: string) => `fulfil:${orderId}`;
export const refundJobKey = (orderId: string) => `refund:${orderId}`;

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
