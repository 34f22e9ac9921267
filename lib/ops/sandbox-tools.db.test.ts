import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, integrationCalls, opsAudit, orders, outboxJobs, products, sandboxSettings } from '@/lib/db/schema';
import { advanceClock, clockOffsetMs } from '@/lib/sandbox/clock';
import { findPreset, forceError } from '@/lib/sandbox/controls';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { recordOpsAction } from './audit';
import { callsForOrder, getOrderForOps, listOrdersForOps, listOutboxForOps } from './queries';
import { createTestOrder, resetSandboxData } from './sandbox-tools';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const rows = async (
  table: typeof orders | typeof customers | typeof integrationCalls | typeof products | typeof opsAudit,
) => (await app.open.db.select({ n: count() }).from(table))[0]!.n;

describe('test order (sandbox)', () => {
  it('confirms an order for a persona and reports it to OMS for real; the call is on its timeline', async () => {
    const made = await createTestOrder(app.open.db, {
      personaId: 'priya',
      productSlug: 'premium-monthly',
      actor: 'qa',
    });
    if ('error' in made) throw new Error(made.error);
    const detail = await getOrderForOps(app.open.db, made.orderId);
    expect(detail?.order.state).toBe('CONFIRMED');
    // Fulfilment may add more (the entitlement job runs too); these two are the test order's own.
    expect(detail?.events.slice(0, 2).map((e) => e.toState)).toEqual(['PENDING_PAYMENT', 'CONFIRMED']);
    const oms = detail!.calls.filter((c) => c.partner === 'oms');
    expect(oms).toHaveLength(1);
    expect(oms[0]).toMatchObject({ method: 'POST', status: 200 });
    expect(detail!.jobs.find((j) => j.kind === 'oms.report')?.status).toBe('done');
  });

  it('a forced OMS 429 leaves the job failed (pending with the error) for the console', async () => {
    await forceError(app.open.db, 'oms', findPreset('oms', 'oms-429')!, 1);
    const made = await createTestOrder(app.open.db, {
      personaId: 'arjun',
      productSlug: 'premium-monthly',
      actor: 'qa',
    });
    if ('error' in made) throw new Error(made.error);
    const failed = await listOutboxForOps(app.open.db, 'failed');
    const job = failed.find((j) => j.orderId === made.orderId);
    expect(job?.lastError).toMatch(/429/);
    expect(
      (await callsForOrder(app.open.db, made.orderId)).filter((c) => c.partner === 'oms').map((c) => c.status),
    ).toEqual([429]);
  });

  it('names the bad field for an unknown persona or product, and creates nothing', async () => {
    const before = await rows(orders);
    expect(
      await createTestOrder(app.open.db, { personaId: 'nobody', productSlug: 'premium-monthly', actor: 'qa' }),
    ).toEqual({
      error: 'persona: no persona "nobody"',
    });
    expect(await createTestOrder(app.open.db, { personaId: 'priya', productSlug: 'nope', actor: 'qa' })).toEqual({
      error: 'product: no product "nope"',
    });
    expect(await rows(orders)).toBe(before);
  });
});

describe('orders list', () => {
  it('filters by state and searches by order id and customer name', async () => {
    const all = await listOrdersForOps(app.open.db, {});
    expect(all.total).toBeGreaterThanOrEqual(2);
    const id = all.rows[0]!.id;
    expect((await listOrdersForOps(app.open.db, { q: id })).rows.map((r) => r.id)).toEqual([id]);
    expect((await listOrdersForOps(app.open.db, { q: 'priya' })).rows.every((r) => r.firstName === 'Priya')).toBe(true);
    expect((await listOrdersForOps(app.open.db, { q: 'zzz-nobody' })).total).toBe(0);
    expect((await listOrdersForOps(app.open.db, { state: 'ACTIVE' })).total).toBe(0);
    expect((await listOrdersForOps(app.open.db, { state: 'CONFIRMED' })).total).toBe(all.total);
  });

  it('includes calls that share a correlation id with the order’s calls', async () => {
    const [order] = await app.open.db.select().from(orders).limit(1);
    const [tagged] = await app.open.db.select().from(integrationCalls).where(eq(integrationCalls.orderId, order!.id));
    await app.open.db.insert(integrationCalls).values({
      partner: 'keycloak',
      operation: 'token',
      method: 'POST',
      path: '/token',
      status: 200,
      latencyMs: 5,
      correlationId: tagged!.correlationId,
    });
    const calls = await callsForOrder(app.open.db, order!.id);
    expect(calls.map((c) => c.partner)).toContain('keycloak');
  });
});

describe('resetSandboxData', () => {
  it('empties orders, customers, outbox, calls, controls and clock; keeps the catalog and the audit', async () => {
    await recordOpsAction(app.open.db, { actor: 'qa', action: 'sandbox.clock' });
    await advanceClock(app.open.db, 86_400_000);
    const catalog = await rows(products);
    expect(await rows(orders)).toBeGreaterThan(0);
    await resetSandboxData(app.open.db);
    expect(await rows(orders)).toBe(0);
    expect(await rows(customers)).toBe(0);
    expect(await rows(integrationCalls)).toBe(0);
    expect((await app.open.db.select({ n: count() }).from(outboxJobs))[0]!.n).toBe(0);
    expect(await clockOffsetMs(app.open.db)).toBe(0);
    expect(await rows(products)).toBe(catalog);
    expect(await rows(opsAudit)).toBe(1);
    // Re-seeded: the OMS sandbox's settings row is back.
    const [oms] = await app.open.db
      .select()
      .from(sandboxSettings)
      .where(sql`${sandboxSettings.partner} = 'oms'`);
    expect(oms?.forcedError ?? null).toBeNull();
    // And the store still works: a new order goes through after the reset.
    const made = await createTestOrder(app.open.db, {
      personaId: 'priya',
      productSlug: 'premium-monthly',
      actor: 'qa',
    });
    expect('orderId' in made).toBe(true);
  });
});
