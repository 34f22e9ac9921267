import 'server-only';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { centsToAmount } from '@/lib/money';
import { defineJob, PermanentJobError } from '@/lib/outbox';
import { OMS_ORDER_STATES, ultraClient, type OmsOrderEvent, type OmsOrderState } from '@/lib/partners/ultra';
import { loadOrderContext, orderTimestampOf, type OrderContext } from '../order-context';

/**
 * The job that reports one order state to Flipkart OMS (docs/partners/ultra.md#oms). One job per
 * (order, state): the dedupe key makes a second enqueue a no-op, and jobs of one order run in
 * enqueue order, so ORDER_CONFIRMED always goes before the terminal state.
 *
 * The job stores only what the order row cannot give later (the state, the event's time, the
 * end of the return window, the amount returned); the event is built once, when it is sent, from
 * the order, its product and its customer (omsEventFor).
 */
export function omsReportDedupeKey(orderId: string, state: OmsOrderState): string {
  return `oms:${orderId}:${state}`;
}

const payloadSchema = z.object({
  orderId: z.string().min(1),
  state: z.enum(OMS_ORDER_STATES),
  /** The event's `updatedTimestamp`, fixed when enqueued so a retry sends the same event. */
  updatedAt: z.coerce.date(),
  lastFulfillmentAt: z.coerce.date(),
  /** What was returned to the customer (terminal states); 0 otherwise. */
  reverseCents: z.number().int().min(0).default(0),
});
type OmsReport = z.output<typeof payloadSchema>;

/**
 * The OMS event for one state of an order (docs/partners/ultra.md#oms-fields). `forwardTransaction`
 * is what the customer paid; `reverseTransaction` what was returned (the client sends 0 on
 * ORDER_CONFIRMED whatever it is given, docs/partners/ultra.md#oms-amounts); always a non-empty
 * description; category and product id in `orderMetadata` (docs/partners/ultra.md#oms-metadata).
 * Timestamps are Dates here: the OMS client sends them in the configured unit
 * (docs/partners/ultra.md#oms-timestamps).
 */
function omsEventFor(ctx: OrderContext, report: OmsReport): OmsOrderEvent {
  const { order, product } = ctx;
  return {
    orderId: order.id,
    state: report.state,
    identityToken: ctx.identityToken,
    description: `${product.name} (${product.billingPeriod === 'month' ? 'monthly' : 'yearly'} ${product.kind === 'plan' ? 'plan' : 'add-on'})`,
    orderTimestamp: orderTimestampOf(order),
    updatedTimestamp: report.updatedAt,
    forwardAmount: centsToAmount(order.amountCents),
    reverseAmount: centsToAmount(Math.min(report.reverseCents, order.amountCents)),
    lastFulfillmentDate: report.lastFulfillmentAt,
    metadata: { category: product.kind, productId: product.slug },
  };
}

/** OMS unavailable or throttled → retried (not before its Retry-After); a rejection → dead. */
export const omsReportJob = defineJob({
  kind: 'oms.report',
  payload: payloadSchema,
  dedupeKey: (report) => omsReportDedupeKey(report.orderId, report.state),
  orderId: (report) => report.orderId,
  async handle(report, { correlationId }) {
    const ctx = await loadOrderContext(await getDb(), report.orderId);
    if (!ctx) return new PermanentJobError(`oms.report: no order ${report.orderId}`);
    await ultraClient().reportOrderState(omsEventFor(ctx, report), { correlationId, orderId: report.orderId });
  },
});
