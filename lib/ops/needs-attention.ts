import 'server-only';
import { asc, count, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { orders } from '@/lib/db/schema';
import { getOrderForOps } from './queries';

/**
 * The "needs attention" list (orders.attention_reason set: lib/orders/needs-attention/) with the
 * evidence staff decide on: the order's history (every look-up and what was tried), its partner
 * calls and its outbox jobs with their last error.
 */

export const NEEDS_ATTENTION_LIMIT = 50;

/** The count in the console's nav and on /api/health (a monitor alerts when it is above 0). */
export async function countNeedsAttention(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(orders).where(isNotNull(orders.attentionReason));
  return row?.n ?? 0;
}

/** What happened to the order, newest last, for the evidence (look-ups, attempts, decisions). */
const EVIDENCE_EVENTS = 30;
const EVIDENCE_CALLS = 30;

export async function listNeedsAttention(db: DbOrTx) {
  const flagged = await db
    .select({ id: orders.id })
    .from(orders)
    .where(isNotNull(orders.attentionReason))
    .orderBy(asc(orders.attentionSince), asc(orders.id))
    .limit(NEEDS_ATTENTION_LIMIT);
  const rows = [];
  for (const { id } of flagged) {
    const o = await getOrderForOps(db, id);
    if (!o) continue;
    rows.push({
      order: o.order,
      product: o.product,
      customerName: o.customer.firstName,
      events: o.events.slice(-EVIDENCE_EVENTS),
      calls: o.calls.slice(-EVIDENCE_CALLS),
      jobs: o.jobs,
    });
  }
  return rows;
}
