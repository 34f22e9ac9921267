import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * bench:web's command line and fixed choices. Flags: --rounds=N (default 3), --seconds=N of load
 * per target (default 5), --no-build (reuse both builds). BENCH_PORT_BASE picks the ports (default:
 * free ones), BENCH_DATABASE_URL adds one app round on PostgreSQL, BENCH_DATA_DIR keeps the app's
 * data folder.
 */
export interface BenchOptions {
  root: string;
  rounds: number;
  seconds: number;
  build: boolean;
}

export function parseOptions(argv: string[], root = process.cwd()): BenchOptions {
  const args = new Map(
    argv.map((a) => {
      const [k, v] = a.replace(/^--/, '').split('=');
      return [k!, v ?? 'true'] as const;
    }),
  );
  return {
    root,
    rounds: Number(args.get('rounds') ?? 3),
    seconds: Number(args.get('seconds') ?? 5),
    build: args.get('build') !== 'false' && !args.has('no-build'),
  };
}

export const CONNECTIONS = 10;
const PRODUCT = 'premium-monthly';
/**
 * Who buys what: the store sells a customer a plan only once (lib/orders/checkout: a plan they
 * already hold is not offered again), and the database lives across rounds, so each walk-through
 * of a round buys another plan and each round another sandbox persona (Arjun last: he is also the
 * signed-in load's customer, which reads the same catalog whatever he holds). Nine distinct
 * purchases cover three rounds; a fourth round would find every pair bought and log its walks as
 * failed.
 */
export const WALK_THROUGH_PLANS = ['premium-monthly', 'super-monthly', 'mobile-monthly'];
export const WALK_THROUGH_BUYERS = ['priya', 'sam', 'arjun'] as const;
/**
 * Walk-throughs per app round, all measured. The first after a start also pays one-time costs
 * (the action modules loaded, code not yet optimised); the p50 is of every action, as a
 * customer meets them, and the first one is reported beside it.
 */
export const WALKS_PER_ROUND = 3;
export const APP_PAGES = { catalog: '/', product: `/products/${PRODUCT}`, checkout: `/checkout/${PRODUCT}` } as const;
export type AppPage = keyof typeof APP_PAGES;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The app's, the hello world's and Chromium's debugging port. */
export async function ports(): Promise<[number, number, number]> {
  const base = Number(process.env.BENCH_PORT_BASE);
  if (base) return [base, base + 1, base + 2];
  return [await freePort(), await freePort(), await freePort()];
}

export function versions(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  return ['next', 'react', 'react-dom', 'tailwindcss'].map((n) => `${n} ${deps[n]}`).join(', ');
}

export function log(message: string) {
  console.log(`[bench:web ${new Date().toISOString().slice(11, 19)}] ${message}`);
}
