import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { outboxAttempts, outboxJobs, sandboxUltraOmsEvents } from '@/lib/db/schema';
import type { OmsOrderState } from '@/lib/partners/ultra';
import { enqueueOmsReport, orderForOms } from '@/test/support/oms-order';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import {
  giveUpJob,
  PermanentJobError,
  retryJob,
  RetryableJobError,
  onWorkerTick,
  runJobNow,
  runOutboxBatch,
  startOutboxWorker,
} from '.';
import { enqueue } from './enqueue';
import { registerJobHandler } from './registry';
import { staffHeaders } from '@/test/support/staff';
import { selectDueJobs } from './run';

/**
 * The transactional outbox over a real database and the OMS sandbox over HTTP: the engine runs the
 * real `oms.report` job (lib/orders/jobs/oms-report.ts) of orders written for the test. The raw
 * handler contract (return or throw a job error) is tested with handlers registered directly.
 */

let app: TestApp;
let seq = 0;
const HOUR = 3_600_000;
const later = (ms: number) => new Date(Date.now() + ms);

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());
afterEach(async () => {
  vi.restoreAllMocks();
  await fetch(`${app.url}/sandbox/ultra/oms/sandbox/faults`, { method: 'DELETE', headers: await staffHeaders() });
  // Leave nothing due for the next test's batches.
  await app.open.db
    .update(outboxJobs)
    .set({ status: 'done' })
    .where(inArray(outboxJobs.status, ['pending', 'running']));
});

type OmsOrder = Awaited<ReturnType<typeof orderForOms>>;
const omsOrder = () => orderForOms(db());

async function force(fault: Record<string, unknown>) {
  const res = await fetch(`${app.url}/sandbox/ultra/oms/sandbox/faults`, {
    method: 'POST',
    headers: await staffHeaders({ 'content-type': 'application/json' }),
    body: JSON.stringify(fault),
  });
  expect(res.status).toBe(200);
}

const db = () => app.open.db;
const job = async (id: number) => (await db().select().from(outboxJobs).where(eq(outboxJobs.id, id)))[0]!;
const attempts = (id: number) =>
  db().select().from(outboxAttempts).where(eq(outboxAttempts.jobId, id)).orderBy(asc(outboxAttempts.id));
const omsEvents = (orderId: string) =>
  db().select().from(sandboxUltraOmsEvents).where(eq(sandboxUltraOmsEvents.orderId, orderId));

async function enqueueCommitted(
  o: OmsOrder,
  state: OmsOrderState = 'ORDER_CONFIRMED',
  opts: { runAt?: Date; reverseCents?: number } = {},
) {
  return db().transaction(async (tx) => (await enqueueOmsReport(tx, o, state, opts)).id);
}

describe('enqueue', () => {
  it('writes the job only if the caller’s transaction commits', async () => {
    const e = await omsOrder();
    await expect(
      db().transaction(async (tx) => {
        await enqueueOmsReport(tx, e);
        throw new Error('the order change failed');
      }),
    ).rejects.toThrow('the order change failed');
    expect(await db().select().from(outboxJobs).where(eq(outboxJobs.orderId, e.orderId))).toHaveLength(0);
    await enqueueCommitted(e);
    expect(await db().select().from(outboxJobs).where(eq(outboxJobs.orderId, e.orderId))).toHaveLength(1);
  });

  it('is a no-op the second time for the same dedupe key', async () => {
    const e = await omsOrder();
    const first = await db().transaction((tx) => enqueueOmsReport(tx, e));
    const second = await db().transaction((tx) => enqueueOmsReport(tx, e));
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
  });
});

describe('delivery', () => {
  it('the inline attempt right after commit delivers on the happy path', async () => {
    const e = await omsOrder();
    const id = await enqueueCommitted(e);
    expect(await runJobNow(id)).toMatchObject({ outcome: 'done', attempt: 1 });
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 1, lockedBy: null });
    expect(await omsEvents(e.orderId)).toHaveLength(1);
  });

  it('a crash between commit and delivery: the job was never run inline, the worker delivers it', async () => {
    const e = await omsOrder();
    const id = await enqueueCommitted(e);
    expect(await omsEvents(e.orderId)).toHaveLength(0);
    const results = await runOutboxBatch({ workerId: 'w1' });
    expect(results).toContainEqual(expect.objectContaining({ jobId: id, outcome: 'done' }));
    expect(await omsEvents(e.orderId)).toHaveLength(1);
  });

  it('partner 500s then success: retried with backoff, every attempt recorded', async () => {
    await force({ status: 500, times: 2 });
    const e = await omsOrder();
    const id = await enqueueCommitted(e);
    const first = await runJobNow(id);
    expect(first).toMatchObject({ outcome: 'retry' });
    const afterFirst = await job(id);
    expect(afterFirst.status).toBe('pending');
    // Backoff: not due again at once.
    expect(afterFirst.runAt.getTime()).toBeGreaterThan(Date.now() + 2_000);
    expect((await runOutboxBatch({ workerId: 'w1' })).map((r) => r.jobId)).not.toContain(id);
    expect(await runOutboxBatch({ workerId: 'w1', now: later(HOUR) })).toContainEqual(
      expect.objectContaining({ jobId: id, outcome: 'retry' }),
    );
    expect(await runOutboxBatch({ workerId: 'w2', now: later(2 * HOUR) })).toContainEqual(
      expect.objectContaining({ jobId: id, outcome: 'done' }),
    );
    const rows = await attempts(id);
    expect(rows.map((r) => r.outcome)).toEqual(['retry', 'retry', 'ok']);
    expect(rows[0]!.error).toMatch(/HTTP 500/);
    expect(await omsEvents(e.orderId)).toHaveLength(1);
  });

  it('a 23 on retry (OMS accepted, the answer was lost) counts as delivered', async () => {
    await force({ status: 500, times: 1, afterAccept: true });
    const e = await omsOrder();
    const id = await enqueueCommitted(e);
    expect(await runJobNow(id)).toMatchObject({ outcome: 'retry' });
    expect(await omsEvents(e.orderId)).toHaveLength(1);
    expect(await runOutboxBatch({ workerId: 'w1', now: later(HOUR) })).toContainEqual(
      expect.objectContaining({ jobId: id, outcome: 'done' }),
    );
    expect(await omsEvents(e.orderId)).toHaveLength(1);
    expect((await job(id)).status).toBe('done');
  });

  it('a 429 (code 31) is retried later, honouring at least the backoff', async () => {
    await force({ status: 429, times: 1 });
    const e = await omsOrder();
    const id = await enqueueCommitted(e);
    expect(await runJobNow(id)).toMatchObject({ outcome: 'retry', error: expect.stringMatching(/429/) });
    expect(await runOutboxBatch({ workerId: 'w1', now: later(HOUR) })).toContainEqual(
      expect.objectContaining({ jobId: id, outcome: 'done' }),
    );
  });

  it('dead after max attempts, every attempt’s error kept; ops can retry it with a fresh budget', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await force({ status: 503, times: 10 });
    const e = await omsOrder();
    const id = await enqueueCommitted(e);
    await db().update(outboxJobs).set({ maxAttempts: 3 }).where(eq(outboxJobs.id, id));
    await runJobNow(id);
    await runOutboxBatch({ workerId: 'w1', now: later(HOUR) });
    const last = await runOutboxBatch({ workerId: 'w1', now: later(2 * HOUR) });
    expect(last).toContainEqual(expect.objectContaining({ jobId: id, outcome: 'dead' }));
    expect(await job(id)).toMatchObject({ status: 'dead', attempts: 3 });
    const rows = await attempts(id);
    expect(rows.map((r) => [r.attempt, r.outcome])).toEqual([
      [1, 'retry'],
      [2, 'retry'],
      [3, 'dead'],
    ]);
    expect(rows.every((r) => /HTTP 503/.test(r.error ?? ''))).toBe(true);
    // Nothing more happens to a dead job…
    expect((await runOutboxBatch({ workerId: 'w1', now: later(10 * HOUR) })).map((r) => r.jobId)).not.toContain(id);
    // …until ops retries it, once OMS is back.
    await fetch(`${app.url}/sandbox/ultra/oms/sandbox/faults`, { method: 'DELETE', headers: await staffHeaders() });
    expect(await retryJob(id)).toBe(true);
    expect(await runOutboxBatch({ workerId: 'w1', now: later(11 * HOUR) })).toContainEqual(
      expect.objectContaining({ jobId: id, outcome: 'done', attempt: 4 }),
    );
    expect(await omsEvents(e.orderId)).toHaveLength(1);
    expect(await retryJob(id)).toBe(false);
  });

  it('"Retry now" does not spend an automatic attempt: the worker has as many tries left afterwards', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await force({ status: 503, times: 10 });
    const id = await enqueueCommitted(await omsOrder());
    await runJobNow(id);
    const before = await job(id);
    expect(before).toMatchObject({ status: 'pending', attempts: 1 });
    const left = before.maxAttempts - before.attempts;
    expect(await retryJob(id)).toBe(true);
    expect(await runJobNow(id, { workerId: 'ops:demo' })).toMatchObject({ outcome: 'retry', attempt: 2 });
    const after = await job(id);
    expect(after.maxAttempts - after.attempts).toBe(left);
    await fetch(`${app.url}/sandbox/ultra/oms/sandbox/faults`, { method: 'DELETE', headers: await staffHeaders() });
  });

  it('a permanent OMS rejection (24) is dead at once and loud', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const e = await omsOrder();
    const id = await enqueueCommitted(e, 'ORDER_FULFILLED');
    expect(await runJobNow(id)).toMatchObject({ outcome: 'dead', error: expect.stringMatching(/OMS rejected/) });
    expect(await job(id)).toMatchObject({ status: 'dead', attempts: 1 });
    expect(error).toHaveBeenCalledWith(expect.stringContaining(e.orderId));
  });

  it('ops can give up a pending job, with the reason kept', async () => {
    await force({ status: 500, times: 1 });
    const id = await enqueueCommitted(await omsOrder());
    await runJobNow(id);
    expect(await giveUpJob(id, 'order refunded by hand', 'ops:alice')).toBe(true);
    expect(await job(id)).toMatchObject({ status: 'dead', lastError: 'given up by ops:alice: order refunded by hand' });
    expect((await attempts(id)).at(-1)).toMatchObject({ worker: 'ops:alice', outcome: 'dead' });
    expect(await giveUpJob(id, 'again')).toBe(false);
  });
});

describe('scheduling and ordering', () => {
  it('honours run_at: a scheduled job waits until it is due', async () => {
    const e = await omsOrder();
    const confirm = await enqueueCommitted(e);
    await runJobNow(confirm);
    const fulfil = await enqueueCommitted(e, 'ORDER_FULFILLED', { runAt: e.lastFulfillmentAt });
    expect(await runJobNow(fulfil)).toEqual({ jobId: fulfil, outcome: 'skipped' });
    expect((await runOutboxBatch({ workerId: 'w1', now: later(6 * 24 * HOUR) })).map((r) => r.jobId)).not.toContain(
      fulfil,
    );
    expect(await runOutboxBatch({ workerId: 'w1', now: later(8 * 24 * HOUR) })).toContainEqual(
      expect.objectContaining({ jobId: fulfil, outcome: 'done' }),
    );
    expect((await omsEvents(e.orderId)).map((r) => r.orderState).sort()).toEqual([
      'ORDER_CONFIRMED',
      'ORDER_FULFILLED',
    ]);
  });

  it('jobs of one order and kind run in order: a terminal state waits for ORDER_CONFIRMED', async () => {
    await force({ status: 500, times: 1 });
    const e = await omsOrder();
    const confirm = await enqueueCommitted(e);
    const cancel = await enqueueCommitted(e, 'ORDER_CANCELLED', { reverseCents: 699 });
    expect(await runJobNow(confirm)).toMatchObject({ outcome: 'retry' });
    // CONFIRMED is still pending: CANCELLED must not overtake it (it would get 24).
    expect(await runJobNow(cancel)).toEqual({ jobId: cancel, outcome: 'skipped' });
    const batch = await runOutboxBatch({ workerId: 'w1', now: later(HOUR) });
    expect(batch.map((r) => r.jobId)).toContain(confirm);
    expect(batch.map((r) => r.jobId)).not.toContain(cancel);
    expect(await runOutboxBatch({ workerId: 'w1', now: later(HOUR) })).toContainEqual(
      expect.objectContaining({ jobId: cancel, outcome: 'done' }),
    );
  });
});

describe('handlers and leases', () => {
  it('a handler may return or throw RetryableJobError / PermanentJobError; unknown errors retry', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    registerJobHandler('test.returns', async (j) => {
      if (j.payload.mode === 'retry') return new RetryableJobError('later please');
      if (j.payload.mode === 'permanent') throw new PermanentJobError('never');
      if (j.payload.mode === 'boom') throw new TypeError('unexpected');
    });
    const ids: Record<string, number> = {};
    for (const mode of ['retry', 'permanent', 'boom', 'ok']) {
      ids[mode] = await db().transaction(
        async (tx) => (await enqueue(tx, { kind: 'test.returns', dedupeKey: `ret-${seq++}`, payload: { mode } })).id,
      );
    }
    expect(await runJobNow(ids.retry!)).toMatchObject({ outcome: 'retry', error: 'RetryableJobError: later please' });
    expect(await runJobNow(ids.permanent!)).toMatchObject({ outcome: 'dead' });
    expect(await runJobNow(ids.boom!)).toMatchObject({ outcome: 'retry', error: 'TypeError: unexpected' });
    expect(await runJobNow(ids.ok!)).toMatchObject({ outcome: 'done' });
  });

  it('a job of an unknown kind is dead (a deploy bug), not retried forever', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const id = await db().transaction(
      async (tx) => (await enqueue(tx, { kind: 'test.nobody', dedupeKey: `nobody-${seq++}`, payload: {} })).id,
    );
    expect(await runJobNow(id)).toMatchObject({ outcome: 'dead', error: expect.stringMatching(/no handler/) });
  });

  it('a worker that finishes after its lease was taken over cannot overwrite the outcome (fencing)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    registerJobHandler('test.slow', async () => {
      calls++;
      if (calls === 1) {
        await gate;
        throw new RetryableJobError('late failure');
      }
    });
    const id = await db().transaction(
      async (tx) => (await enqueue(tx, { kind: 'test.slow', dedupeKey: `slow-${seq++}`, payload: {} })).id,
    );
    const zombie = runJobNow(id, { workerId: 'zombie', leaseMs: 1_000 });
    await vi.waitFor(async () => expect((await job(id)).status).toBe('running'));
    expect(await runOutboxBatch({ workerId: 'w2', now: later(5_000) })).toContainEqual(
      expect.objectContaining({ jobId: id, outcome: 'done', attempt: 2 }),
    );
    release();
    expect(await zombie).toMatchObject({ outcome: 'fenced' });
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2 });
    expect((await attempts(id)).map((r) => r.outcome)).toEqual(['lost', 'ok', 'retry']);
  });
});

describe('two workers', () => {
  it('never take the same job (concurrent batches)', async () => {
    const runs: { id: number; worker: string }[] = [];
    registerJobHandler('test.record', async (j, ctx) => {
      runs.push({ id: j.id, worker: ctx.workerId });
      await new Promise((r) => setTimeout(r, 5));
    });
    const ids = await db().transaction(async (tx) => {
      const out: number[] = [];
      for (let i = 0; i < 30; i++) {
        out.push((await enqueue(tx, { kind: 'test.record', dedupeKey: `rec-${seq++}`, payload: {} })).id);
      }
      return out;
    });
    const drain = async (workerId: string) => {
      for (;;) {
        const r = await runOutboxBatch({ workerId, limit: 4 });
        if (r.length === 0) return;
      }
    };
    await Promise.all([drain('A'), drain('B')]);
    const mine = runs.filter((r) => ids.includes(r.id));
    expect(mine).toHaveLength(30);
    expect(new Set(mine.map((r) => r.id)).size).toBe(30);
    const rows = await db().select().from(outboxJobs).where(inArray(outboxJobs.id, ids));
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    if (app.open.kind === 'postgres') {
      // Real concurrency (two pool connections): both workers got some of the work.
      expect(new Set(mine.map((r) => r.worker))).toEqual(new Set(['A', 'B']));
    }
  });

  it('the claim locks with FOR UPDATE SKIP LOCKED (on every database; PostgreSQL shows the effect below)', () => {
    const { sql } = selectDueJobs(db(), { now: new Date(), limit: 10 }).toSQL();
    expect(sql.toLowerCase()).toMatch(/for update skip locked$/);
  });

  // PGlite is a single connection: a second transaction waits for the first, so "a row locked by
  // another transaction" cannot exist there. This case needs PostgreSQL (npm run test:pg).
  it.runIf(!!process.env.DATABASE_URL)('skip rows another worker holds locked (FOR UPDATE SKIP LOCKED)', async () => {
    registerJobHandler('test.locked', async () => {});
    const [held, free] = await db().transaction(async (tx) => [
      (await enqueue(tx, { kind: 'test.locked', dedupeKey: `lock-${seq++}`, payload: {} })).id,
      (await enqueue(tx, { kind: 'test.locked', dedupeKey: `lock-${seq++}`, payload: {} })).id,
    ]);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db().transaction(async (tx) => {
      await tx.select().from(outboxJobs).where(eq(outboxJobs.id, held!)).for('update');
      locked();
      await gate;
    });
    await isLocked;
    const results = await runOutboxBatch({ workerId: 'B' });
    expect(results.map((r) => r.jobId)).toContain(free);
    expect(results.map((r) => r.jobId)).not.toContain(held);
    release();
    await holder;
    expect(await runOutboxBatch({ workerId: 'B' })).toContainEqual(expect.objectContaining({ jobId: held }));
  });
});

describe('the worker loop', () => {
  it('delivers committed jobs by itself and runs the tick hooks; one loop per process', async () => {
    let ticks = 0;
    const off = onWorkerTick(function countTicks() {
      ticks++;
    });
    const e = await omsOrder();
    const id = await enqueueCommitted(e);
    const worker = startOutboxWorker({ workerId: 'loop', intervalMs: 20 });
    try {
      expect(startOutboxWorker({ workerId: 'second' })).toBe(worker);
      await vi.waitFor(async () => expect((await job(id)).status).toBe('done'), { timeout: 10_000 });
      await vi.waitFor(() => expect(ticks).toBeGreaterThan(0));
    } finally {
      await worker.stop();
      off();
    }
    expect(await omsEvents(e.orderId)).toHaveLength(1);
    expect((await attempts(id))[0]).toMatchObject({ worker: 'loop', outcome: 'ok' });
  });
});
