import { sql } from 'drizzle-orm';
import type { Db } from './open';
import { products } from './schema';
import { CATALOG } from './catalog-seed';
import { platformHook } from '@/lib/platform/hooks';

/**
 * Idempotent: inserts what is missing, updates the catalog's seeded fields, never deletes; then
 * the seed hook's data (the partner sandboxes', when they are on).
 */
export async function seedDatabase(db: Db, opts: { currency?: string } = {}): Promise<void> {
  const currency = opts.currency ?? 'CAD';
  await db
    .insert(products)
    .values(CATALOG.map((p, i) => ({ ...p, currency, sortOrder: i })))
    .onConflictDoUpdate({
      target: products.slug,
      set: {
        name: sql`excluded.name`,
        tagline: sql`excluded.tagline`,
        description: sql`excluded.description`,
        priceCents: sql`excluded.price_cents`,
        currency: sql`excluded.currency`,
        billingPeriod: sql`excluded.billing_period`,
        opentvProductId: sql`excluded.opentv_product_id`,
        image: sql`excluded.image`,
        features: sql`excluded.features`,
        sortOrder: sql`excluded.sort_order`,
      },
    });
  await platformHook('seed')?.(db);
}
