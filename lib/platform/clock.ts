import 'server-only';
import type { DbOrTx } from '@/lib/db/open';
import { platformHook } from './hooks';

/**
 * The business clock: the time jobs become due, return windows end and plans are used, as opposed
 * to the wall clock of logs and `updated_at`. The real time, unless something registered a `now`
 * hook (the sandbox does: real time plus the offset QA can advance), so a job scheduled at
 * `lastFulfillmentDate` becomes due, and a window ends, when QA moves the clock past it.
 */
export async function platformNow(db: DbOrTx): Promise<Date> {
  const now = platformHook('now');
  return now ? now(db) : new Date();
}
