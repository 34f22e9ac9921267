import 'server-only';
import { and, asc, eq, ne } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { orderEvents, orders, outboxJobs, products, type OrderRow, type OutboxJobRow } from '@/lib/db/schema';
import { platformNow } from '@/lib/platform/clock';
import { OMS_ORDER_STATES, type OmsOrderState } from '@/lib/partners/ultra';
import { safeActivationUrl } from '@/lib/partners/opentv';
import { entitlementJobKey } from '../jobs/entitlement';
import { fulfilJobKey } from '../jobs/fulfil';
import { omsReportJob } from '../jobs/oms-report';
import { refundJobKey } from '../jobs/refund';
import { refundDueAt } from '../cancel/refund-due';
import type { RefundDecision } from '../money-policy';
import { isCancellable } from '../state-machine';

/**
 * What the order page's fulfilment panel shows: provisioning at OpenTV, the refund,
 * and what Flipkart has been told, read from the order and its outbox jobs. Customer-facing:
 * no partner error texts, only what happened and what happens next.
 */

export type ProvisioningView =
  | { kind: 'not-started' }
  /** The entitlement job is waiting to retry (OpenTV unavailable). */
  | { kind: 'retrying'; nextAttemptAt: Date }
  | { kind: 'failed' }
  | { kind: 'pending'; activationUrl: string | null }
  | { kind: 'active' }
  | { kind: 'ended'; status: string }
  | { kind: 'not-needed' };

export type RefundView =
  | { kind: 'none' }
  /** Cancelled: the access is being ended at OpenTV; the refund is sent once it has (docs/refund-policy.md#refunds). */
  | { kind: 'awaiting-access' }
  | { kind: 'in-progress' }
  | { kind: 'failed' }
  /** The policy gave nothing back (the whole term used): nothing to send. */
  | { kind: 'nothing-due' }
  | { kind: 'done'; amountCents: number; returnId: string | null };

export type OmsReportStatus = 'delivered' | 'sending' | 'retrying' | 'scheduled' | 'failed';
export interface OmsReportView {
  state: OmsOrderState;
  status: OmsReportStatus;
  /** Delivered at, or the time it is due. */
  at: Date | null;
}

export interface FulfilmentView {
  orderId: string;
  state: OrderRow['state'];
  amountCents: number;
  currency: string;
  provisioning: ProvisioningView;
  refund: RefundView;
  /** What the cancel gives back (decided at the cancel), or would give back if cancelled now. */
  refundDueCents: number;
  /** How a cancel now is refunded (the cancel dialog says which rule), while the order can be cancelled. */
  refundNow: RefundDecision | null;
  /** Why a cancelled order was cancelled: by the customer, or by the store because OpenTV refused it. */
  cancelledBecause: 'customer' | 'undeliverable' | null;
  oms: OmsReportView[];
  lastFulfillmentAt: Date | null;
  cancellable: boolean;
  sandbox: boolean;
  now: Date;
}

type Job = OutboxJobRow;

function jobStatus(job: Job, now: Date): OmsReportStatus {
  if (job.status === 'done') return 'delivered';
  if (job.status === 'dead') return 'failed';
  if (job.status === 'running') return 'sending';
  if (job.attempts === 0 && job.runAt > now) return 'scheduled';
  return job.attempts > 0 ? 'retrying' : 'sending';
}

/** The panel's data for one of the customer's orders, or null (missing or not theirs). */
export async function getFulfilmentView(customerId: string, orderId: string): Promise<FulfilmentView | null> {
  const db = await getDb();
  const [row] = await db
    .select({ order: orders, billingPeriod: products.billingPeriod })
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .where(and(eq(orders.id, orderId), eq(orders.customerId, customerId)));
  if (!row) return null;
  const { order } = row;
  const jobs = await db.select().from(outboxJobs).where(eq(outboxJobs.orderId, orderId)).orderBy(asc(outboxJobs.id));
  const now = await platformNow(db);
  const byKey = new Map(jobs.map((j) => [j.dedupeKey, j]));

  const create = byKey.get(entitlementJobKey(orderId, 'create'));
  let provisioning: ProvisioningView;
  const status = order.entitlementStatus;
  if (status === 'ACTIVE') provisioning = { kind: 'active' };
  else if (status === 'PENDING')
    provisioning = { kind: 'pending', activationUrl: safeActivationUrl(order.activationUrl) };
  else if (status) provisioning = { kind: 'ended', status };
  else if (!create || order.state === 'CANCELLED') provisioning = { kind: create ? 'not-needed' : 'not-started' };
  else if (create.status === 'dead') provisioning = { kind: 'failed' };
  // A failed attempt keeps its error until the job is done, also while the next attempt runs.
  else if (create.lastError && create.status !== 'done') {
    provisioning = { kind: 'retrying', nextAttemptAt: create.runAt };
  } else provisioning = { kind: 'not-started' };

  const refundJob = byKey.get(refundJobKey(orderId));
  const refund: RefundView =
    order.refundedCents > 0
      ? { kind: 'done', amountCents: order.refundedCents, returnId: order.returnId }
      : !refundJob
        ? { kind: order.state === 'CANCELLED' ? 'awaiting-access' : 'none' }
        : refundJob.status === 'dead'
          ? { kind: 'failed' }
          : refundJob.status === 'done'
            ? { kind: 'nothing-due' }
            : { kind: 'in-progress' };
  const cancellable = isCancellable(order.state) && (!order.lastFulfillmentAt || now < order.lastFulfillmentAt);
  const refundNow = cancellable ? refundDueAt(order, row, now) : null;
  let cancelledBecause: FulfilmentView['cancelledBecause'] = null;
  if (order.state === 'CANCELLED') {
    const [how] = await db
      .select({ cause: orderEvents.cause })
      .from(orderEvents)
      .where(
        and(
          eq(orderEvents.orderId, orderId),
          eq(orderEvents.toState, 'CANCELLED'),
          ne(orderEvents.fromState, 'CANCELLED'),
        ),
      )
      .limit(1);
    cancelledBecause = how?.cause === 'fulfilment.undeliverable' ? 'undeliverable' : 'customer';
  }

  const oms: OmsReportView[] = [];
  for (const state of OMS_ORDER_STATES) {
    const job = jobs.find((j) => j.kind === omsReportJob.kind && j.dedupeKey.endsWith(`:${state}`));
    if (job) oms.push({ state, status: jobStatus(job, now), at: job.doneAt ?? job.runAt });
  }
  // ORDER_FULFILLED is enqueued when the window ends; until then show when it is due.
  const fulfil = byKey.get(fulfilJobKey(orderId));
  if (
    fulfil &&
    (fulfil.status === 'pending' || fulfil.status === 'running') &&
    !oms.some((o) => o.state !== 'ORDER_CONFIRMED')
  ) {
    oms.push({ state: 'ORDER_FULFILLED', status: 'scheduled', at: fulfil.runAt });
  }

  return {
    orderId,
    state: order.state,
    amountCents: order.amountCents,
    currency: order.currency,
    provisioning,
    refund,
    refundDueCents: order.refundDueCents ?? refundNow?.refundCents ?? order.amountCents,
    refundNow,
    cancelledBecause,
    oms,
    lastFulfillmentAt: order.lastFulfillmentAt,
    cancellable,
    sandbox: getConfig().sandbox,
    now,
  };
}
