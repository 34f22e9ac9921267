import 'server-only';
import { z } from 'zod';
import type { DbOrTx } from '@/lib/db/client';
import {
  OMS_ORDER_STATES,
  OmsPermanentError,
  OmsRetryableError,
  reportOrderState,
  type OmsOrderEvent,
} from '@/lib/partners/ultra/oms';
import { enqueue } from '../enqueue';
import { PermanentJobError, RetryableJobError } from '../errors';
import { registerJobHandler, type JobHandler } from '../registry';

/**
 * The job that reports one order state to Flipkart OMS (docs/partners/ultra.md#oms). One job per
 * (order, state): the dedupe key makes a second enqueue a no-op, and jobs of one order run in
 * enqueue order, so ORDER_CONFIRMED always goes before the terminal state.
 */
export const OMS_REPORT_JOB = 'oms.report';

export function omsReportDedupeKey(orderId: string, state: OmsOrderEvent['state']): string {
  return `oms:${orderId}:${state}`;
}

export type OmsReportInput = Omit<OmsOrderEvent, 'updatedTimestamp'> & {
  /** Default: the time the event is sent (useful for a job scheduled at lastFulfillmentDate). */
  updatedTimestamp?: Date;
};

/** Enqueues the report in the caller's transaction. `runAt` schedules it (e.g. ORDER_FULFILLED). */
export function enqueueOmsReport(
  tx: DbOrTx,
  event: OmsReportInput,
  opts: { runAt?: Date; correlationId?: string } = {},
) {
  return enqueue(tx, {
    kind: OMS_REPORT_JOB,
    dedupeKey: omsReportDedupeKey(event.orderId, event.state),
    orderId: event.orderId,
    runAt: opts.runAt,
    payload: omsReportPayload(event, opts.correlationId),
  });
}

/** The job payload (JSON: dates as ISO strings). */
export function omsReportPayload(event: OmsReportInput, correlationId?: string): Record<string, unknown> {
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

const payloadSchema = z.object({
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

export const omsReportHandler: JobHandler = async (job, ctx) => {
  const parsed = payloadSchema.safeParse(job.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return new PermanentJobError(`bad oms.report payload, ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const { updatedTimestamp, ...event } = parsed.data.event;
  try {
    await reportOrderState(
      { ...event, updatedTimestamp: updatedTimestamp ?? new Date() },
      { correlationId: ctx.correlationId, orderId: event.orderId },
    );
  } catch (e) {
    if (e instanceof OmsPermanentError) return new PermanentJobError(e.message, { cause: e });
    if (e instanceof OmsRetryableError)
      return new RetryableJobError(e.message, { retryAfterMs: e.retryAfterMs, cause: e });
    throw e;
  }
};

export function registerOmsReportJob(): void {
  registerJobHandler(OMS_REPORT_JOB, omsReportHandler);
}
