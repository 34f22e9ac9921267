import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { customers, integrationCalls, sandboxOpentvAccounts } from '@/lib/db/schema';
import { clearForcedError, findPreset, forceError, queueFaults } from '@/test/support/sandbox';
import { enqueueConfirmationJobs } from './confirm';
import { tryJobsNow } from '@/lib/outbox';
import { hasOpenTvSignonConflict } from './opentv-account';
import {
  DAY,
  confirmedOrder,
  db,
  drain,
  entitlementAtOpenTv,
  identityToken,
  jobsOf,
  omsEvents,
  orderRow,
  persona,
  setUpOrderLifecycleTests,
} from '@/test/support/order-lifecycle';

/** Confirmation against the real sandboxes over HTTP: the outbox jobs it enqueues create the OpenTV entitlement (and account) and report ORDER_CONFIRMED. */

setUpOrderLifecycleTests();

describe('confirmation → outbox jobs → entitlement and ORDER_CONFIRMED', () => {
  it('creates the entitlement with our _id, reports ORDER_CONFIRMED and schedules fulfilment', async () => {
    const before = Date.now();
    const { id, product, jobIds } = await confirmedOrder();
    const jobs = await jobsOf(id);
    expect(jobs.map((j) => j.dedupeKey)).toEqual([`opentv:${id}:create`, `oms:${id}:ORDER_CONFIRMED`, `fulfil:${id}`]);
    const fulfil = jobs[2]!;
    const window = getConfig().returnWindowDays * DAY;
    expect(fulfil.runAt.getTime()).toBeGreaterThanOrEqual(before + window);
    expect(fulfil.runAt.getTime()).toBeLessThan(Date.now() + window + 5_000);

    // Enqueuing again (a retried confirmation) adds nothing.
    const again = await orderRow(id);
    await db().transaction(async (tx) => enqueueConfirmationJobs(tx, again));
    expect(await jobsOf(id)).toHaveLength(3);

    await tryJobsNow(jobIds);
    const entitlement = await entitlementAtOpenTv(id);
    expect(entitlement).toMatchObject({
      status: 'PENDING',
      accountId: persona.opentvAccountId,
      productId: product.opentvProductId,
    });
    const order = await orderRow(id);
    expect(order).toMatchObject({
      entitlementId: `ent-${id}`,
      entitlementStatus: 'PENDING',
      opentvAccountId: persona.opentvAccountId,
    });
    expect(order.activationUrl).toMatch(/\/sandbox\/opentv\/activate\//);
    // docs/partners/opentv.md#duplicate-purchase: the flag is always sent, explicitly.
    const [create] = await db()
      .select({ path: integrationCalls.path })
      .from(integrationCalls)
      .where(and(eq(integrationCalls.orderId, id), eq(integrationCalls.operation, 'createEntitlement')));
    expect(create!.path).toMatch(/\?prohibitDuplicateProductPurchase=true$/);

    const [confirmed, ...more] = await omsEvents(id);
    expect(more).toHaveLength(0);
    expect(confirmed).toMatchObject({
      orderState: 'ORDER_CONFIRMED',
      identityToken: identityToken(),
      forwardTransaction: product.priceCents / 100,
      reverseTransaction: 0,
      // docs/partners/ultra.md#oms-timestamps: epoch seconds on the wire.
      lastFulfillmentDateMs: Math.floor(order.lastFulfillmentAt!.getTime() / 1000) * 1000,
      timestampUnit: 's',
      orderMetadata: { category: product.kind, productId: product.slug },
    });
    expect(confirmed!.description).toContain(product.name);
    expect(fulfil.status).toBe('pending');
  });

  it('creates an OpenTV account for a customer who has none (not a sandbox persona)', async () => {
    const { id, customerId, jobIds } = await confirmedOrder({ customer: 'new', payment: 'none' });
    await tryJobsNow(jobIds);
    const [customer] = await db().select().from(customers).where(eq(customers.id, customerId));
    expect(customer!.opentvAccountId).toBe(`sf-${customerId}`);
    expect(await entitlementAtOpenTv(id)).toMatchObject({ accountId: `sf-${customerId}`, status: 'PENDING' });
  });

  it('OpenTV answers 409 "signon exists" for the e-mail: a conflict, the synthetic sign-on is used, the customer is told', async () => {
    await queueFaults(db(), {
      partner: 'opentv',
      match: '/adm/v1/accounts$',
      method: 'POST',
      mode: 'refuse',
      status: 409,
      body: { code: 'adm:409', message: 'signonId: an account with this signonId already exists' },
    });
    const { id, customerId, jobIds } = await confirmedOrder({ customer: 'verified-email', payment: 'none' });
    await tryJobsNow(jobIds);
    const [customer] = await db().select().from(customers).where(eq(customers.id, customerId));
    expect(customer!.opentvAccountId).toBe(`sf-${customerId}`);
    expect(customer!.opentvSignonConflictAt).toBeInstanceOf(Date);
    expect(hasOpenTvSignonConflict(customer!)).toBe(true);
    const [account] = await db()
      .select()
      .from(sandboxOpentvAccounts)
      .where(eq(sandboxOpentvAccounts.id, `sf-${customerId}`));
    expect(account!.signonId).toMatch(/\.invalid$/);
    expect(await entitlementAtOpenTv(id)).toMatchObject({ accountId: `sf-${customerId}`, status: 'PENDING' });
    expect((await jobsOf(id))[0]).toMatchObject({ status: 'done' });
  });

  it('an OpenTV outage leaves the entitlement job to retry; it heals once OpenTV is back', async () => {
    await forceError(db(), 'opentv', findPreset('opentv', 'opentv-503')!, undefined);
    const { id, jobIds } = await confirmedOrder({ payment: 'none' });
    await tryJobsNow(jobIds);
    expect(await entitlementAtOpenTv(id)).toBeUndefined();
    const [create, confirmed] = await jobsOf(id);
    expect(create).toMatchObject({ status: 'pending', attempts: 1 });
    expect(create!.lastError).toMatch(/unavailable/);
    // OMS does not wait for OpenTV.
    expect(confirmed!.status).toBe('done');

    await clearForcedError(db(), 'opentv');
    await drain(new Date(Date.now() + 60_000));
    expect(await entitlementAtOpenTv(id)).toMatchObject({ status: 'PENDING' });
    expect((await jobsOf(id))[0]).toMatchObject({ status: 'done', attempts: 2 });
  });
});
