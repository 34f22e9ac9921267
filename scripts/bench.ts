/**
 * `npm run bench`: figures and ratios for the hot paths, measured here rather than asserted in
 * timed tests (which flake). Runs on in-memory PGlite; numbers vary by machine, ratios less so.
 *   1. secureToken: the reused signer vs signing a fresh RS256 JWT per call (docs/partners/ultra.md#secure-token-claims)
 *   2. catalog: the cached listProducts() vs a database query per render
 *   3. outbox: enqueue-in-transaction and drain throughput with FOR UPDATE SKIP LOCKED claims
 */
import { generateKeyPairSync } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { listProducts } from '@/lib/catalog/queries';
import { setDatabaseForTests } from '@/lib/db/client';
import { openDatabase } from '@/lib/db/open';
import { products } from '@/lib/db/schema';
import { defineJob, runOutboxBatch } from '@/lib/outbox';
import { createSecureTokenSigner } from '@/lib/partners/ultra';
import { installSandbox } from '@/lib/sandbox/install';

async function time(label: string, n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(); // warm up
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const perOp = (performance.now() - start) / n;
  console.log(
    `  ${label.padEnd(44)} ${perOp.toFixed(4).padStart(10)} ms/op  ${Math.round(1000 / perOp)
      .toString()
      .padStart(9)} ops/s`,
  );
  return perOp;
}

const ratio = (slow: number, fast: number) => `${(slow / fast).toFixed(1)}×`;

async function main() {
  process.env.SANDBOX ??= 'on';
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

  console.log('1. secureToken');
  const reused = createSecureTokenSigner({ clientId: 'hotstar.test', privateKeyPem: pem });
  const fast = await time('reused signer (steady state)', 20_000, () => reused.get());
  let t = 1_700_000_000_000;
  const fresh = createSecureTokenSigner({ clientId: 'hotstar.test', privateKeyPem: pem, now: () => (t += 400_000) });
  const slow = await time('fresh RS256 signature per call', 300, () => fresh.get());
  console.log(`  → reuse is ${ratio(slow, fast)} faster; signatures made by the reused signer: ${reused.signed}`);

  installSandbox();
  const open = await openDatabase({ kind: 'pglite', dir: null });
  setDatabaseForTests(open);

  console.log('2. catalog');
  const cached = await time('listProducts() (30 s cache)', 20_000, () => listProducts());
  const query = await time('select from products per render', 500, () =>
    open.db.select().from(products).where(eq(products.active, true)).orderBy(asc(products.sortOrder)),
  );
  console.log(`  → the cache is ${ratio(query, cached)} faster than a query per render`);

  console.log('3. outbox (PGlite, one connection)');
  let handled = 0;
  const noop = defineJob({
    kind: 'bench.noop',
    payload: z.object({ n: z.number() }),
    dedupeKey: ({ n }) => `bench:${n}`,
    async handle() {
      handled++;
    },
  });
  noop.register();
  const jobs = 500;
  const enq = await time('enqueue one job in its own transaction', jobs, () =>
    open.db.transaction((tx) => noop.enqueue(tx, { n: Math.random() })),
  );
  const drainStart = performance.now();
  for (;;) {
    const batch = await runOutboxBatch({ workerId: 'bench', limit: 50 });
    if (batch.length === 0) break;
  }
  const drainMs = performance.now() - drainStart;
  console.log(
    `  drained ${handled} jobs in ${drainMs.toFixed(0)} ms: ${(drainMs / handled).toFixed(2)} ms/job, ${Math.round((handled / drainMs) * 1000)} jobs/s`,
  );
  console.log(`  → claim + run + mark done costs ${ratio(drainMs / handled, enq)} an enqueue`);

  setDatabaseForTests(undefined);
  await open.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
