import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getConfig } from '@/lib/config';
import { customers, orders } from '@/lib/db/schema';
import { tryJobsNow } from '@/lib/outbox';
import { advanceClock, identityTokenFor } from '@/test/support/sandbox';
import {
  app,
  confirmedOrder,
  DAY,
  db,
  drain,
  jobsOf,
  omsEvents,
  orderRow,
  persona,
  setUpOrderLifecycleTests,
} from '@/test/support/order-lifecycle';
import { staffHeaders } from '@/test/support/staff';
import { authorizeFlipkart } from './flipkart-provider';

/**
 * docs/partners/ultra.md#identity-token-change: Flipkart gives a customer another identity token when
 * they change the mobile number of their Flipkart account. Their orders keep the token they were
 * placed with; the new sign-in is a new customer; nothing is merged.
 */

setUpOrderLifecycleTests();

const NEW_MOBILE = '9000000001';

async function sandboxOptions(partner: 'ultra' | 'oms', patch: Record<string, string | null>) {
  const res = await fetch(`${app().url}/sandbox/options/${partner}`, {
    method: 'PUT',
    headers: await staffHeaders({ 'content-type': 'application/json' }),
    body: JSON.stringify(patch),
  });
  expect(res.status).toBe(200);
}

async function signIn(personaId: string): Promise<string> {
  const res = await fetch(`${app().url}/sandbox/ultra/platform/sandbox/grants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: getConfig().ultra.clientId,
      personaId,
      scopes: { 'user.mobile': true, 'user.email': true, 'user.name': true },
    }),
  });
  const { grantToken } = (await res.json()) as { grantToken: string };
  return (await authorizeFlipkart({ grantToken }, '198.18.200.1')).id;
}

const customer = async (id: string) => (await db().select().from(customers).where(eq(customers.id, id)))[0]!;

afterEach(async () => {
  await sandboxOptions('ultra', { [`mobile.${persona.id}`]: null });
  await sandboxOptions('oms', { retiredTokens: null });
});

describe('a customer changes the mobile number of their Flipkart account', () => {
  it('signs in as a new customer with no orders; the earlier order still reports to OMS with its own token', async () => {
    const before = await signIn(persona.id);
    const oldToken = (await customer(before)).identityToken;
    expect(oldToken).toBe(identityTokenFor(getConfig().ultra.merchantId, persona));
    const { id, customerId, jobIds } = await confirmedOrder({ payment: 'none' });
    expect(customerId).toBe(before);
    await tryJobsNow(jobIds);

    await sandboxOptions('ultra', { [`mobile.${persona.id}`]: NEW_MOBILE });
    const after = await signIn(persona.id);

    // A new customer: another identity token, the new mobile, no orders. The earlier customer is untouched.
    expect(after).not.toBe(before);
    const now = await customer(after);
    expect(now).toMatchObject({ mobile: NEW_MOBILE, email: persona.email!.email, firstName: 'Priya' });
    expect(now.identityToken).not.toBe(oldToken);
    expect(await db().select().from(orders).where(eq(orders.customerId, after))).toEqual([]);
    expect(await customer(before)).toMatchObject({ identityToken: oldToken, mobile: persona.mobile.mobileNumber });
    expect((await orderRow(id)).customerId).toBe(before);

    // The order's terminal event carries the token it was placed with, never the new one.
    await advanceClock(db(), (getConfig().returnWindowDays + 1) * DAY);
    await drain();
    const events = await omsEvents(id);
    expect(events.map((e) => [e.orderState, e.identityToken])).toEqual([
      ['ORDER_CONFIRMED', oldToken],
      ['ORDER_FULFILLED', oldToken],
    ]);
  });

  it('if OMS refuses the retired token (code 15), the event is dead in the outbox for staff and the order is unchanged', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await signIn(persona.id);
    const { id, jobIds } = await confirmedOrder({ payment: 'none' });
    await tryJobsNow(jobIds);
    await sandboxOptions('ultra', { [`mobile.${persona.id}`]: NEW_MOBILE });
    await sandboxOptions('oms', { retiredTokens: 'refused' });

    await advanceClock(db(), (getConfig().returnWindowDays + 1) * DAY);
    await drain();
    expect((await orderRow(id)).state).toBe('FULFILLED');
    expect((await omsEvents(id)).map((e) => e.orderState)).toEqual(['ORDER_CONFIRMED']);
    const fulfilled = (await jobsOf(id)).find((j) => j.dedupeKey.endsWith(':ORDER_FULFILLED'));
    expect(fulfilled).toMatchObject({ status: 'dead' });
    expect(fulfilled?.lastError).toMatch(/Account info not found for identity token/);
    vi.restoreAllMocks();
  });
});
