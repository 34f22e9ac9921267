import 'server-only';
import type { DbOrTx } from '@/lib/db/client';
import { platformHook } from '@/lib/platform/hooks';

/**
 * The outbox's clock: the real time, unless something registered a clock hook (the sandbox does,
 * real time plus the offset QA can advance), so a job scheduled at `lastFulfillmentDate` becomes
 * due when QA moves the clock past the return window.
 */
export async function outboxNow(db: DbOrTx): Promise<Date> {
  const now = platformHook('now');
  return now ? now(db) : new Date();
}
