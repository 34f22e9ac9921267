import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { orders, type OrderState } from '@/lib/db/schema';
import { platformNow } from '@/lib/platform/clock';
import { recordOrderNote } from './transitions';

/**
 * Why software gave up on an order and a person must decide (the ops "needs attention" list reads
 * `orders.attention_reason is not null`). Text in the database, so a new reason needs no migration.
 */
export type AttentionReason =
  /** Flexiti refused to give the money back for good (return or release). */
  | 'refund_failed'
  /** OpenTV refused for good to end the access of a cancelled order: its refund waits. */
  | 'access_end_failed'
  | (string & {});

/**
 * Raises the order to staff, with the evidence in its history (`attention.raised`). Keeps the
 * first reason and time if it was raised already (a retry of the same failure adds a note only).
 */
export async function raiseAttention(
  tx: DbOrTx,
  args: { orderId: string; state: OrderState; reason: AttentionReason; detail?: Record<string, unknown> },
): Promise<void> {
  const [current] = await tx.select({ reason: orders.attentionReason }).from(orders).where(eq(orders.id, args.orderId));
  if (!current?.reason) {
    await tx
      .update(orders)
      .set({ attentionReason: args.reason, attentionSince: await platformNow(tx), updatedAt: new Date() })
      .where(eq(orders.id, args.orderId));
  }
  await recordOrderNote(tx, {
    orderId: args.orderId,
    state: args.state,
    cause: 'attention.raised',
    detail: { reason: args.reason, ...args.detail },
  });
  // The alerting hook: a monitor watching the logs sees every case at warn level.
  console.warn(`needs attention: order ${args.orderId}: ${args.reason}`);
}
