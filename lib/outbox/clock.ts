import 'server-only';
import { getConfig } from '@/lib/config';
import type { DbOrTx } from '@/lib/db/client';
import { sandboxNow } from '@/lib/sandbox/clock';

/**
 * The outbox's clock. In sandbox mode it is the sandbox clock (real time plus the offset QA can
 * advance), so a job scheduled at `lastFulfillmentDate` becomes due when QA moves the clock past
 * the return window; otherwise the real time.
 */
export async function outboxNow(db: DbOrTx): Promise<Date> {
  return getConfig().sandbox ? sandboxNow(db) : new Date();
}
