import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from './open';
import { products, seedState } from './schema';
import { CATALOG } from './catalog-seed';
import { platformHook } from '@/lib/platform/hooks';
import { forgetStaticPages } from '@/lib/security/static-pages';

const SEED_STATE_ID = 'seed';

/**
 * The digest of what the seed writes: the catalog, the currency and the seed hook's data. Null
 * when a seed hook gives no data to digest: then nothing can tell that seed is unchanged.
 */
function seedFingerprint(currency: string): string | null {
  const hookData = platformHook('seed') ? platformHook('seedData')?.() : null;
  if (hookData === undefined) return null;
  return createHash('sha256')
    .update(JSON.stringify({ catalog: CATALOG, currency, hook: hookData }))
    .digest('hex');
}

/**
 * Idempotent: inserts what is missing, updates the catalog's seeded fields, never deletes; then
 * the seed hook's data (the partner sandboxes', when they are on). With `skipUnchanged` (the
 * database open), a database whose last seed wrote the same data is left alone: one read instead
 * of a write per table, and no rewritten catalog rows at every start. Returns whether it seeded.
 */
export async function seedDatabase(
  db: Db,
  opts: { currency?: string; skipUnchanged?: boolean } = {},
): Promise<boolean> {
  const currency = opts.currency ?? 'CAD';
  const fingerprint = seedFingerprint(currency);
  if (opts.skipUnchanged && fingerprint) {
    const [last] = await db
      .select({ fingerprint: seedState.fingerprint })
      .from(seedState)
      .where(eq(seedState.id, SEED_STATE_ID));
    if (last?.fingerprint === fingerprint) return false;
  }
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
  if (fingerprint)
    await db
      .insert(seedState)
      .values({ id: SEED_STATE_ID, fingerprint })
      .onConflictDoUpdate({ target: seedState.id, set: { fingerprint, seededAt: sql`now()` } });
  // The catalog may have changed: the signed-out pages' shared copies are rendered again.
  forgetStaticPages();
  return true;
}
