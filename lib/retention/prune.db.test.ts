import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/lib/db/open';
import {
  customers,
  integrationCalls,
  opsAudit,
  orderEvents,
  orders,
  outboxJobs,
  products,
  rateLimits,
} from '@/lib/db/schema';
import { openTestDatabase } from '@/test/support/db';
import { pruneOnce } from './prune';

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(async () => open?.close());

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
const retention = { callLogDays: 30, auditDays: 365, eventDetailsDays: 90 };

async function order(id: string, state: 'FULFILLED' | 'CONFIRMED' | 'CANCELLED', updatedDaysAgo: number) {
  const db = open.db;
  const [product] = await db.select().from(products).limit(1);
  const [customer] = await db
    .insert(customers)
    .values({ identityToken: `IDTKN-${id}` })
    .returning({ id: customers.id });
  await db.insert(orders).values({
    id,
    customerId: customer!.id,
    productId: product!.id,
    state,
    amountCents: 1000,
    currency: 'CAD',
    flexitiAccountNumber: '4111000011112222',
    updatedAt: daysAgo(updatedDaysAgo),
    createdAt: daysAgo(updatedDaysAgo),
  });
  await db.insert(orderEvents).values({
    orderId: id,
    toState: state,
    cause: 'test',
    detail: {
      referenceId: `ref-${id}`,
      accountNumber: '4111000011112222',
      authorizationId: 'AUTH-1',
      amountCents: 1000,
    },
    createdAt: daysAgo(updatedDaysAgo),
  });
}

async function call(orderId: string | null, ageDays: number) {
  const [row] = await open.db
    .insert(integrationCalls)
    .values({
      partner: 'flexiti',
      operation: 'authorize',
      method: 'POST',
      path: '/x',
      latencyMs: 1,
      correlationId: 'c',
      orderId,
      createdAt: daysAgo(ageDays),
    })
    .returning({ id: integrationCalls.id });
  return row!.id;
}

describe('data retention', () => {
  it('prunes old calls, audit rows, partner details and expired limiter rows, never what an open order or an investigation needs', async () => {
    const db = open.db;
    await order('ORD-OLD-DONE', 'FULFILLED', 120);
    await order('ORD-OLD-OPEN', 'CONFIRMED', 120);
    await order('ORD-OLD-DEAD-JOB', 'CANCELLED', 120);
    await order('ORD-RECENT-DONE', 'FULFILLED', 10);
    await db.insert(outboxJobs).values({
      kind: 'flexiti.refund',
      dedupeKey: 'refund:ORD-OLD-DEAD-JOB',
      orderId: 'ORD-OLD-DEAD-JOB',
      payload: {},
      status: 'dead',
      maxAttempts: 8,
    });
    const gone = [await call(null, 40), await call('ORD-OLD-DONE', 100)];
    const kept = [
      await call(null, 5),
      await call('ORD-OLD-OPEN', 100),
      await call('ORD-OLD-DEAD-JOB', 100),
      await call('ORD-RECENT-DONE', 40),
    ];
    await db.insert(opsAudit).values([
      { actor: 'old', action: 'sign-in', createdAt: daysAgo(400) },
      { actor: 'recent', action: 'sign-in', createdAt: daysAgo(10) },
    ]);
    await db.insert(rateLimits).values([
      { key: 'test:expired', points: 3, expire: new Date(Date.now() - 1000) },
      { key: 'test:live', points: 3, expire: new Date(Date.now() + 60_000) },
    ]);

    const counts = await pruneOnce(db, retention);
    console.log(`one prune run: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ callLog: 2, audit: 1, eventDetails: 1, limiterRows: 1 });

    const calls = (await db.select({ id: integrationCalls.id }).from(integrationCalls)).map((r) => r.id);
    for (const id of gone) expect(calls).not.toContain(id);
    for (const id of kept) expect(calls).toContain(id);
    expect(
      (
        await db
          .select()
          .from(opsAudit)
          .where(inArray(opsAudit.actor, ['old', 'recent']))
      ).map((r) => r.actor),
    ).toEqual(['recent']);
    const detailOf = async (orderId: string) =>
      (await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)))[0]!.detail;
    // The settled order keeps what is ours (reference, amount); the partner's details go.
    expect(await detailOf('ORD-OLD-DONE')).toEqual({ referenceId: 'ref-ORD-OLD-DONE', amountCents: 1000 });
    for (const id of ['ORD-OLD-OPEN', 'ORD-OLD-DEAD-JOB', 'ORD-RECENT-DONE'])
      expect(await detailOf(id)).toHaveProperty('accountNumber');
    const limiter = (
      await db
        .select()
        .from(rateLimits)
        .where(sql`${rateLimits.key} like 'test:%'`)
    ).map((r) => r.key);
    expect(limiter).toEqual(['test:live']);

    // A second run finds nothing more: pruning is idempotent.
    expect(await pruneOnce(db, retention)).toEqual({ callLog: 0, audit: 0, eventDetails: 0, limiterRows: 0 });
  });

  it('works in bounded batches: a backlog clears over several runs', async () => {
    const db = open.db;
    for (let i = 0; i < 7; i++) await call(null, 60);
    expect((await pruneOnce(db, retention, 3)).callLog).toBe(3);
    expect((await pruneOnce(db, retention, 3)).callLog).toBe(3);
    expect((await pruneOnce(db, retention, 3)).callLog).toBe(1);
  });
});
