import 'server-only';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { centsToAmount } from '@/lib/money';
import { enqueue, PermanentJobError, registerJobHandler, RetryableJobError, type JobHandler } from '@/lib/outbox';
import { PartnerError } from '@/lib/partners/errors';
import { OMS_ORDER_STATES, reportOrderState, type OmsOrderEvent, type OmsOrderState } from '@/lib/partners/ultra';
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
export const OMS_REPORT_JOB = 'oms.report';

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
export type OmsReport = z.input<typeof payloadSchema>;

/**
 * A payload holding an event built before it was enqueued: rows written before the job stored
 * only its facts, and tests whose orders are not in the database. Still sent as stored.
 */
const builtEventSchema = z.object({
  correlationId: z.string().optional(),
  event: z.object({
    orderId: z.string().min(1),
    state: z.enum(OMS_ORDER_STATES),
    identityToken: z.string().min(1),
    description: z.string(),
    orderTimestamp: z.coerce.date(),
    updatedTimestamp: z.coerce.date().nullable().optional(),
    forwardAmount: z.number(),
    reverseAmount: z.number(),
    lastFulfillmentDate: z.coerce.date(),
    metadata: z.record(z.string(), z.string()).optional(),
  }),
});

/** Enqueues the report in the caller's transaction. `runAt` schedules it. */
export function enqueueOmsReport(tx: DbOrTx, report: OmsReport, opts: { runAt?: Date } = {}) {
  const payload = payloadSchema.parse(report);
  return enqueue(tx, {
    kind: OMS_REPORT_JOB,
    dedupeKey: omsReportDedupeKey(payload.orderId, payload.state),
    orderId: payload.orderId,
    runAt: opts.runAt,
    payload: {
      ...payload,
      updatedAt: payload.updatedAt.toISOString(),
      lastFulfillmentAt: payload.lastFulfillmentAt.toISOString(),
    },
  });
}

/** The payload of an event built beforehand (JSON: dates as ISO strings); see builtEventSchema. */
export function omsEventPayload(
  event: Omit<OmsOrderEvent, 'updatedTimestamp'> & { updatedTimestamp?: Date },
  correlationId?: string,
): Record<string, unknown> {
  return {
    ...(correlationId ? { correlationId } : {}),
    event: {
      ...event,
      orderTimestamp: event.orderTimestamp.toISOString(),
      updatedTimestamp: event.updatedTimestamp?.toISOString() ?? null,
      lastFulfillmentDate: event.lastFulfillmentDate.toISOString(),
    },
  };
}

/**
 * The OMS event for one state of an order (docs/partners/ultra.md#oms-fields). `forwardTransaction`
 * is what the customer paid; `reverseTransaction` what was returned (the client sends 0 on
 * ORDER_CONFIRMED whatever it is given, docs/partners/ultra.md#oms-amounts); always a non-empty
 * description; category and product id in `orderMetadata` (docs/partners/ultra.md#oms-metadata).
 * Timestamps are Dates here: the OMS client sends them in the configured unit
 * (docs/partners/ultra.md#oms-timestamps).
 */
export function omsEventFor(ctx: OrderContext, report: z.output<typeof payloadSchema>): OmsOrderEvent {
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

async function eventToSend(payload: unknown): Promise<OmsOrderEvent | PermanentJobError> {
  const report = payloadSchema.safeParse(payload);
  if (report.success) {
    const ctx = await loadOrderContext(await getDb(), report.data.orderId);
    if (!ctx) return new PermanentJobError(`oms.report: no order ${report.data.orderId}`);
    return omsEventFor(ctx, report.data);
  }
  const built = builtEventSchema.safeParse(payload);
  if (!built.success) {
    const issue = report.error.issues[0];
    return new PermanentJobError(`bad oms.report payload, ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const { updatedTimestamp, ...event } = built.data.event;
  return { ...event, updatedTimestamp: updatedTimestamp ?? new Date() };
}

export const omsReportHandler: JobHandler = async (job, ctx) => {
  const event = await eventToSend(job.payload);
  if (event instanceof PermanentJobError) return event;
  try {
    await reportOrderState(event, { correlationId: ctx.correlationId, orderId: event.orderId });
  } catch (e) {
    if (!(e instanceof PartnerError)) throw e;
    return e.retryable
      ? new RetryableJobError(e.message, { retryAfterMs: e.retryAfterMs, cause: e })
      : new PermanentJobError(e.message, { cause: e });
  }
};

export function registerOmsReportJob(): void {
  registerJobHandler(OMS_REPORT_JOB, omsReportHandler);
}
