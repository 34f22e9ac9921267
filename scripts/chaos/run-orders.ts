import type { Customer, PurchaseResult } from './customer';
import type { ChaosOptions } from './options';
import { kill, start, type Instance } from './servers';

// Cheap plans only, so the sandbox account's credit never runs out; never the annual plan.
const SLUGS = ['mobile-monthly', 'super-monthly', 'premium-monthly', 'live-sports', 'kids-family', 'regional-cinema'];
const CANCEL_SHARE = 0.1;

/**
 * The random part: order k goes to customer k mod C, each customer buying its share one after
 * another, while instances are SIGKILLed and restarted at evenly spaced points of the run.
 */
export async function runOrders(
  o: ChaosOptions,
  customers: Customer[],
  instances: Instance[],
  storeEnv: NodeJS.ProcessEnv,
  deadline: number,
) {
  const results: (PurchaseResult & { customer: string })[] = [];
  let next = 0;
  let completed = 0;
  const killAt = Array.from({ length: o.kills }, (_, k) => Math.floor(((k + 1) * o.orders) / (o.kills + 1)));
  const restartMs: number[] = [];
  let killing = Promise.resolve();
  const maybeKill = () => {
    while (killAt.length && completed >= killAt[0]!) {
      killAt.shift();
      const victim = instances[(o.kills - killAt.length - 1) % instances.length]!;
      killing = killing.then(async () => {
        // A moment later, so the kill lands while other customers are mid-checkout.
        await new Promise((r) => setTimeout(r, 1_500));
        const t = Date.now();
        await kill(victim);
        console.log(`chaos: SIGKILL ${victim.url} (after ${completed} orders)`);
        await start(victim, storeEnv);
        restartMs.push(Date.now() - t);
      });
    }
  };
  await Promise.all(
    customers.map(async (c) => {
      while (next < o.orders && Date.now() < deadline - 60_000) {
        const k = next++;
        const slug = SLUGS[(k + c.persona.length) % SLUGS.length]!;
        const r = await c.purchase(slug, Math.random() < CANCEL_SHARE);
        results.push({ ...r, customer: c.persona });
        completed++;
        console.log(`chaos: order ${completed}/${o.orders} ${c.persona} ${slug}: ${r.outcome} ${r.orderIds.join(',')}`);
        maybeKill();
      }
    }),
  );
  await killing;
  // Kills the work finished before (a short run): still do them, then let things settle.
  while (killAt.length) {
    killAt.shift();
    const victim = instances[0]!;
    await kill(victim);
    await start(victim, storeEnv);
  }
  return { results, restartMs };
}
