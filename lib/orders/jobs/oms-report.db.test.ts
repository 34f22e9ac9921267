import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { outboxJobs, sandboxUltraOmsEvents } from '@/lib/db/schema';
import { runJobNow } from '@/lib/outbox';
import { enqueue } from '@/lib/outbox/enqueue';
import { enqueueOmsReport, orderForOms } from '@/test/support/oms-order';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { omsReportDedupeKey, omsReportJob } from './oms-report';

/** The `oms.report` job's payload: the facts of one report, the event built from the order when sent. */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const db = () => app.open.db;
const omsEvents = (orderId: string) =>
  db().select().from(sandboxUltraOmsEvents).where(eq(sandboxUltraOmsEvents.orderId, orderId));
const jobRow = async (id: number) => (await db().select().from(outboxJobs).where(eq(outboxJobs.id, id)))[0]!;

describe('oms.report payload', () => {
  it('sends the event built from the order row when it runs', async () => {
    const order = await orderForOms(db());
    const { id } = await db().transaction((tx) => enqueueOmsReport(tx, order));
    expect(await runJobNow(id)).toMatchObject({ outcome: 'done' });
    expect(await omsEvents(order.orderId)).toHaveLength(1);
  });

  it('a row holding a built OMS event (the format before the job stored facts) is refused: dead at once, nothing sent', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const order = await orderForOms(db());
    const now = new Date().toISOString();
    const { id } = await db().transaction((tx) =>
      enqueue(tx, {
        kind: omsReportJob.kind,
        dedupeKey: omsReportDedupeKey(order.orderId, 'ORDER_CONFIRMED'),
        orderId: order.orderId,
        payload: {
          event: {
            orderId: order.orderId,
            state: 'ORDER_CONFIRMED',
            identityToken: 'IDTKN-built-beforehand',
            description: 'Live Sports (monthly plan)',
            orderTimestamp: now,
            updatedTimestamp: now,
            forwardAmount: 6.99,
            reverseAmount: 0,
            lastFulfillmentDate: order.lastFulfillmentAt.toISOString(),
          },
        },
      }),
    );
    expect(await runJobNow(id)).toMatchObject({
      outcome: 'dead',
      attempt: 1,
      error: expect.stringMatching(/^PermanentJobError: bad oms\.report payload, orderId: /),
    });
    expect(await jobRow(id)).toMatchObject({ status: 'dead', attempts: 1 });
    expect(await omsEvents(order.orderId)).toHaveLength(0);
    vi.restoreAllMocks();
  });
});
