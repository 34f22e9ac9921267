import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabaseForTests } from '@/lib/db/client';
import type { OpenDatabase } from '@/lib/db/open';
import { customers, orderEvents, orders, products } from '@/lib/db/schema';
import { openTestDatabase } from '@/test/support/db';
import { getCustomerOrder, listCustomerOrders } from './queries';

/** The customer's order reads are scoped to that customer: another customer's order is not there. */

let open: OpenDatabase;
let priya: string;
let arjun: string;

beforeAll(async () => {
  open = await openTestDatabase();
  setDatabaseForTests(open);
  const [product] = await open.db.select().from(products).limit(1);
  const [a, b] = await open.db
    .insert(customers)
    .values([{ identityToken: 'queries-test-priya' }, { identityToken: 'queries-test-arjun' }])
    .returning();
  priya = a!.id;
  arjun = b!.id;
  const order = {
    productId: product!.id,
    state: 'CONFIRMED' as const,
    amountCents: product!.priceCents,
    currency: 'CAD',
  };
  await open.db.insert(orders).values([
    { id: 'SP-PRIYA00001', customerId: priya, ...order },
    { id: 'SP-ARJUN00001', customerId: arjun, ...order },
  ]);
  await open.db.insert(orderEvents).values([
    { orderId: 'SP-PRIYA00001', fromState: null, toState: 'CONFIRMED', cause: 'test.paid' },
    { orderId: 'SP-ARJUN00001', fromState: null, toState: 'CONFIRMED', cause: 'test.paid' },
  ]);
});

afterAll(async () => {
  setDatabaseForTests(undefined);
  await open?.close();
});

describe('getCustomerOrder', () => {
  it('returns the customer’s own order with its history', async () => {
    const mine = await getCustomerOrder(priya, 'SP-PRIYA00001');
    expect(mine?.order.id).toBe('SP-PRIYA00001');
    expect(mine?.events.map((e) => e.cause)).toEqual(['test.paid']);
  });

  it('returns null for another customer’s order id, exactly as for a missing one', async () => {
    expect(await getCustomerOrder(priya, 'SP-ARJUN00001')).toBeNull();
    expect(await getCustomerOrder(arjun, 'SP-PRIYA00001')).toBeNull();
    expect(await getCustomerOrder(priya, 'SP-NOSUCH0001')).toBeNull();
  });
});

describe('listCustomerOrders', () => {
  it('lists only the customer’s own orders', async () => {
    expect((await listCustomerOrders(priya)).map((o) => o.id)).toEqual(['SP-PRIYA00001']);
    expect((await listCustomerOrders(arjun)).map((o) => o.id)).toEqual(['SP-ARJUN00001']);
  });
});
