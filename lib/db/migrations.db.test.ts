import { eq } from 'drizzle-orm';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformHook, registerHooks } from '@/lib/platform/hooks';
import { openTestDatabase } from '@/test/support/db';
import { MIGRATIONS_FOLDER, openDatabase, type DatabaseTarget, type OpenDatabase } from './open';
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

  it('an open of an up-to-date database neither migrates nor seeds again', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'storefront-open-'));
    const migrationsFolder = join(scratch, 'migrations');
    cpSync(MIGRATIONS_FOLDER, migrationsFolder, { recursive: true });
    const url = process.env.DATABASE_URL;
    const target: DatabaseTarget = url ? { kind: 'postgres', url } : { kind: 'pglite', dir: join(scratch, 'pglite') };
    try {
      await (await openDatabase(target, { migrationsFolder })).close();
      // The migrator reads every migration file; the check reads only the journal.
      rmSync(join(migrationsFolder, '0000_init.sql'));
      const again = await openDatabase(target, { migrationsFolder });
      await again.close();
      expect(again.upToDate).toEqual({ migrations: 'current', seed: 'unchanged' });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('a changed seed (currency, the hook data) is written again at open', async () => {
    expect(await seedDatabase(open.db, { skipUnchanged: true })).toBe(false);
    expect(await seedDatabase(open.db, { currency: 'USD', skipUnchanged: true })).toBe(true);
    expect((await open.db.select({ currency: products.currency }).from(products)).map((p) => p.currency)).toContain(
      'USD',
    );
    expect(await seedDatabase(open.db, { skipUnchanged: true })).toBe(true);
    const saved = { seed: platformHook('seed'), seedData: platformHook('seedData') };
    registerHooks({ seed: saved.seed ?? (async () => {}), seedData: () => ({ changed: true }) });
    try {
      expect(await seedDatabase(open.db, { skipUnchanged: true })).toBe(true);
      expect(await seedDatabase(open.db, { skipUnchanged: true })).toBe(false);
    } finally {
      registerHooks(saved);
    }
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
