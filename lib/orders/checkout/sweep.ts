import 'server-only';
import { and, isNotNull, lt, or } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { checkoutFlows } from '@/lib/db/schema';

/** A checkout nobody finished: its token and form go after this long without activity. */
export const ABANDONED_FLOW_TTL_MS = 30 * 60_000;

/**
 * Drops the Flexiti token and the form (PII) of every checkout flow idle for longer than the TTL
 * (a Flexiti customer token lives 20 minutes anyway). Paid, failed and closed windows drop theirs
 * at once (lib/orders/checkout/outcome.ts, authorize.ts); this catches the checkouts that were simply left.
 */
export async function sweepAbandonedFlows(db: DbOrTx, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - ABANDONED_FLOW_TTL_MS);
  const swept = await db
    .update(checkoutFlows)
    .set({ accessToken: null, form: null, updatedAt: now })
    .where(
      and(lt(checkoutFlows.updatedAt, cutoff), or(isNotNull(checkoutFlows.accessToken), isNotNull(checkoutFlows.form))),
    )
    .returning({ orderId: checkoutFlows.orderId });
  return swept.length;
}

/** Outbox worker-tick hook (registered by lib/orders/jobs/index.ts). */
export async function sweepCheckoutFlows(): Promise<void> {
  await sweepAbandonedFlows(await getDb());
}
