import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { products, type ProductRow } from '@/lib/db/schema';

export type Product = ProductRow;

const TTL_MS = 30_000;
// On globalThis: start-up (instrumentation) warms it for the pages, and Next bundles
// instrumentation and the pages separately, each with its own copy of this module.
const g = globalThis as unknown as { __catalog?: { at: number; items: Promise<Product[]> } };

/**
 * The active catalog, cached in the process for 30 s: it changes only on deploy (seed), and every
 * page render reads it. A failed read is not cached.
 */
export function listProducts(): Promise<Product[]> {
  const now = Date.now();
  if (!g.__catalog || now - g.__catalog.at > TTL_MS) {
    const items = getDb().then((db) =>
      db.select().from(products).where(eq(products.active, true)).orderBy(asc(products.sortOrder)),
    );
    items.catch(() => {
      if (g.__catalog?.items === items) g.__catalog = undefined;
    });
    g.__catalog = { at: now, items };
  }
  return g.__catalog.items;
}

/**
 * Drops the cached catalog: the next read comes from the database. For a catalog changed in
 * place while the process runs (tests that change a price; the seed runs before the cache is
 * warmed, so a deploy needs no call).
 */
export function forgetCatalog(): void {
  g.__catalog = undefined;
}

/** Every product, active or not, in catalog order: the pickers of the ops console and the demo tour. */
export function listProductNames(db: DbOrTx): Promise<{ slug: string; name: string }[]> {
  return db.select({ slug: products.slug, name: products.name }).from(products).orderBy(products.sortOrder);
}

export async function getProductBySlug(slug: string): Promise<Product | undefined> {
  return (await listProducts()).find((p) => p.slug === slug);
}

export async function getProductById(id: number): Promise<Product | undefined> {
  return (await listProducts()).find((p) => p.id === id);
}
