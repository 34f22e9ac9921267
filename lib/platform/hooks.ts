import 'server-only';
import type { Db, DbOrTx } from '@/lib/db/open';

/**
 * The few places where the core lets something beside it (today: the partner sandboxes, through
 * lib/sandbox/install.ts) take part, so the core never imports that thing. Each hook is optional:
 * with nothing registered the core behaves as with real partners.
 */
export interface PlatformHooks {
  /** The time jobs and return windows run on. Default: the real time. */
  now: (db: DbOrTx) => Promise<Date>;
  /** Extra idempotent seed data, run after the catalog's at a database open that finds the seed changed. */
  seed: (db: Db) => Promise<void>;
  /** What `seed` writes, as data: its digest is how an open tells the seed is unchanged. Without it, every open seeds. */
  seedData: () => unknown;
  /** An OpenTV account a customer (by Flipkart identity token) already has, to link instead of creating one. */
  suggestOpenTvAccount: (identityToken: string) => string | null;
}

export type HookName = keyof PlatformHooks;

// On globalThis: Next bundles instrumentation and route handlers separately, and both must see
// what the process registered at start-up.
const g = globalThis as unknown as { __platformHooks?: Partial<PlatformHooks> };
const hooks = (g.__platformHooks ??= {});

/** Registers (or replaces) hooks; called once at start-up by whatever takes part. */
export function registerHooks(more: Partial<PlatformHooks>): void {
  Object.assign(hooks, more);
}

/** The registered hook, or undefined (then the caller does the real-partner thing). */
export function platformHook<K extends HookName>(name: K): PlatformHooks[K] | undefined {
  return hooks[name];
}
