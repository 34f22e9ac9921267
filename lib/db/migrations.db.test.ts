import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '@/test/support/db';
import type { OpenDatabase } from './open';
import { customers, orders, products } from './schema';
import { seedDatabase } from './seed';

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(async () => open?.close());

describe(`migrations and seed (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('seeds at least six plans and add-ons with prices and OpenTV product ids', async () => {
    const rows = await open.db.select().from(products);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.filter((p) => p.kind === 'plan').length).toBeGreaterThan(0);
    expect(rows.filter((p) => p.kind === 'addon').length).toBeGreaterThan(0);
    for (const p of rows) {
      expect(p.priceCents).toBeGreaterThan(0);
      expect(p.opentvProductId).toMatch(/^hotstar_[A-Z_]+$/);
      expect(p.image).toMatch(/^\/products\/.+\.svg$/);
    }
  });

  it('seeding again changes nothing and keeps ids stable', async () => {
    const before = await open.db.select({ id: products.id, slug: products.slug }).from(products);
    await seedDatabase(open.db);
    const after = await open.db.select({ id: products.id, slug: products.slug }).from(products);
    expect(after.sort((a, b) => a.id - b.id)).toEqual(before.sort((a, b) => a.id - b.id));
  });

  it('allows one open checkout per customer and product', async () => {
    const [customer] = await open.db.insert(customers).values({ identityToken: 'IDTKN-db-test' }).returning();
    const [product] = await open.db.select().from(products).limit(1);
    const base = { customerId: customer!.id, productId: product!.id, amountCents: 100, currency: 'CAD' };
    await open.db.insert(orders).values({ ...base, id: 'o1', state: 'PENDING_PAYMENT' });
    await expect(open.db.insert(orders).values({ ...base, id: 'o2', state: 'PENDING_PAYMENT' })).rejects.toThrow();
    await open.db.update(orders).set({ state: 'PAYMENT_FAILED' }).where(eq(orders.id, 'o1'));
    await open.db.insert(orders).values({ ...base, id: 'o3', state: 'PENDING_PAYMENT' });
    expect(await open.db.$count(orders)).toBe(2);
  });
});
