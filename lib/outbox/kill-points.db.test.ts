import { spawn } from 'node:child_process';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { integrationCalls, outboxAttempts, outboxJobs, sandboxUltraOmsEvents } from '@/lib/db/schema';
import { omsReportDedupeKey, omsReportJob } from '@/lib/orders/jobs/oms-report';
import { enqueueOmsReport, orderForOms } from '@/test/support/oms-order';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { DEFAULT_LEASE_MS, runJobNow, runOutboxBatch } from '.';
import { enqueue } from './enqueue';
import { registerJobHandler, type JobHandler } from './registry';
import { staffHeaders } from '@/test/support/staff';

/**
 * The kill-point test: a worker killed at each point of an OMS delivery loses no
 * job and sends no event twice, as Flipkart's OMS (the sandbox) observes it.
 *
 * A kill is simulated in-process the way a dead process looks to everyone else: the job stays
 * `running` with its lease, the attempt never finishes (the handler's promise never settles, so
 * nothing more is written), and whatever the partner call did already happened. Another worker
 * takes the job over once the lease has run out and runs the real OMS handler (the `oms.report`
 * job's, of an order written for the test).
 */

type KillPoint = 'after-commit' | 'before-call' | 'during-call' | 'after-call';
const KILL_POINTS: { point: KillPoint; label: string }[] = [
  { point: 'after-commit', label: 'after commit, before the inline attempt' },
  { point: 'before-call', label: 'after the claim, before the OMS call' },
  { point: 'during-call', label: 'during the OMS call (request sent, answer never read)' },
  { point: 'after-call', label: 'after the OMS call, before marking done' },
];

let app: TestApp;
const table: string[][] = [];
const never = () => new Promise<never>(() => {});

beforeAll(async () => {
  app = await startTestApp();
  for (const { point } of KILL_POINTS) {
    const killedOnce = new Set<number>();
    const handler: JobHandler = async (job, ctx) => {
      // after-commit: the process died before any attempt, so every attempt is a normal one.
      if (point === 'after-commit' || killedOnce.has(job.id)) return omsReportJob.handler(job, ctx);
      killedOnce.add(job.id);
      if (point === 'during-call') {
        // The request goes out; the process dies before its answer is acted on.
        void Promise.resolve(omsReportJob.handler(job, ctx)).catch(() => {});
        return never();
      }
      if (point === 'after-call') {
        await omsReportJob.handler(job, ctx);
        return never();
      }
      return never(); // before-call: killed with nothing sent
    };
    registerJobHandler(`test.kill.${point}`, handler);
  }
});

afterAll(async () => {
  if (table.length) {
    const header = ['kill point', 'OMS events accepted', 'OMS HTTP calls', 'attempts (outcome)', 'job'];
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
    const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
    console.log(
      [
        '',
        'Kill-point test (OMS sandbox view):',
        line(header),
        line(widths.map((w) => '-'.repeat(w))),
        ...table.map(line),
      ].join('\n'),
    );
  }
  await app?.close();
});

describe('kill points: no job lost, no OMS event sent twice', () => {
  it.each(KILL_POINTS)('$label', async ({ point, label }) => {
    const db = app.open.db;
    const { orderId, lastFulfillmentAt } = await orderForOms(db, 1);
    // The order change and its job commit together: the OMS report's payload, under this test's kind.
    const { id } = await db.transaction((tx) =>
      enqueue(tx, {
        kind: `test.kill.${point}`,
        dedupeKey: omsReportDedupeKey(orderId, 'ORDER_CONFIRMED'),
        orderId,
        payload: {
          orderId,
          state: 'ORDER_CONFIRMED',
          updatedAt: new Date().toISOString(),
          lastFulfillmentAt: lastFulfillmentAt.toISOString(),
          reverseCents: 0,
        },
      }),
    );
    const job = async () => (await db.select().from(outboxJobs).where(eq(outboxJobs.id, id)))[0]!;
    const accepted = () => db.select().from(sandboxUltraOmsEvents).where(eq(sandboxUltraOmsEvents.orderId, orderId));

    if (point !== 'after-commit') {
      // The request's inline attempt starts… and its process is killed at `point`.
      void runJobNow(id, { workerId: 'web-1 (killed)' });
      await vi.waitFor(async () => expect((await job()).status).toBe('running'));
      if (point !== 'before-call') await vi.waitFor(async () => expect(await accepted()).toHaveLength(1));
      // While the lease holds, nobody else touches the job.
      expect(await runOutboxBatch({ workerId: 'worker-2', now: new Date(Date.now() + DEFAULT_LEASE_MS / 2) })).toEqual(
        [],
      );
    }

    // The worker (another process) runs after the lease ran out.
    const results = await runOutboxBatch({
      workerId: 'worker-2',
      now: new Date(Date.now() + DEFAULT_LEASE_MS + 1_000),
    });
    expect(results).toContainEqual(expect.objectContaining({ jobId: id, outcome: 'done' }));

    const rows = await accepted();
    expect(rows).toHaveLength(1);
    expect(await job()).toMatchObject({ status: 'done' });
    const attempts = await db
      .select()
      .from(outboxAttempts)
      .where(eq(outboxAttempts.jobId, id))
      .orderBy(asc(outboxAttempts.id));
    const httpCalls = await db.select().from(integrationCalls).where(eq(integrationCalls.orderId, orderId));
    const answers = httpCalls.map((c) => {
      const code = (c.response as { status?: unknown } | null)?.status;
      return c.status === 200 ? '200' : `${c.status}/${String(code)}`;
    });
    table.push([
      label,
      String(rows.length),
      `${httpCalls.length}${answers.length ? ` (${answers.join(', ')})` : ''}`,
      attempts.map((a) => `${a.attempt}:${a.outcome}`).join(', '),
      (await job()).status,
    ]);
    if (point === 'during-call' || point === 'after-call') {
      // The retry was answered 23 and counted as delivered.
      expect(answers).toContain('400/23');
    }
  });
});

/**
 * The same with a real process: `npm run worker` (scripts/worker.ts) in a child process is killed
 * with SIGKILL while its OMS request is in flight (the OMS sandbox is made slow, so the request is
 * being processed when the worker dies). Needs PostgreSQL: PGlite cannot be shared between two
 * processes.
 */
describe.runIf(!!process.env.DATABASE_URL)('kill -9 of a standalone worker process', () => {
  it('during the OMS call: the job is taken over after the lease, OMS holds the event once', async () => {
    const db = app.open.db;
    const order = await orderForOms(db, 1);
    const { orderId } = order;
    const oms = `${app.url}/sandbox/ultra/oms/sandbox/settings`;
    const setLatency = async (latencyMs: number) =>
      fetch(oms, {
        method: 'PUT',
        headers: await staffHeaders({ 'content-type': 'application/json' }),
        body: JSON.stringify({ latencyMs }),
      });
    expect((await setLatency(4_000)).status).toBe(200);
    const { id } = await db.transaction((tx) => enqueueOmsReport(tx, order));
    const child = spawn('npx', ['tsx', '--conditions=react-server', 'scripts/worker.ts'], {
      env: { ...process.env, APP_URL: app.url, SANDBOX: 'on' },
      stdio: 'ignore',
      detached: true,
    });
    const job = async () => (await db.select().from(outboxJobs).where(eq(outboxJobs.id, id)))[0]!;
    const accepted = () => db.select().from(sandboxUltraOmsEvents).where(eq(sandboxUltraOmsEvents.orderId, orderId));
    try {
      await vi.waitFor(async () => expect((await job()).lockedBy).toMatch(/^worker-/), {
        timeout: 30_000,
        interval: 200,
      });
      // The request is now waiting in the slow sandbox: kill the whole worker process group.
      await new Promise((r) => setTimeout(r, 500));
      process.kill(-child.pid!, 'SIGKILL');
    } finally {
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    expect(await job()).toMatchObject({ status: 'running', attempts: 1 });
    await vi.waitFor(async () => expect(await accepted()).toHaveLength(1), { timeout: 15_000, interval: 200 });
    expect((await setLatency(0)).status).toBe(200);
    const results = await runOutboxBatch({
      workerId: 'worker-2',
      now: new Date(Date.now() + DEFAULT_LEASE_MS + 1_000),
    });
    expect(results).toContainEqual(expect.objectContaining({ jobId: id, outcome: 'done' }));
    expect(await accepted()).toHaveLength(1);
    const attempts = await db
      .select()
      .from(outboxAttempts)
      .where(eq(outboxAttempts.jobId, id))
      .orderBy(asc(outboxAttempts.id));
    const httpCalls = await db.select().from(integrationCalls).where(eq(integrationCalls.orderId, orderId));
    table.push([
      'kill -9 of the worker process during the OMS call',
      String((await accepted()).length),
      `${httpCalls.length + 1} (killed: unlogged, ${httpCalls.map((c) => `${c.status}/${String((c.response as { status?: unknown } | null)?.status)}`).join(', ')})`,
      attempts.map((a) => `${a.attempt}:${a.outcome}`).join(', '),
      (await job()).status,
    ]);
  }, 60_000);
});
