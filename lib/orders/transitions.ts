import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { orderEvents, orders, type OrderState } from '@/lib/db/schema';
import { canTransition } from './state-machine';

export type Order = typeof orders.$inferSelect;
type OrderPatch = Partial<Omit<typeof orders.$inferInsert, 'id' | 'state' | 'customerId' | 'productId'>>;

export class OrderTransitionError extends Error {
  constructor(
    readonly orderId: string,
    readonly from: OrderState | null,
    readonly to: OrderState,
  ) {
    super(`Order ${orderId} cannot go from ${from ?? 'nowhere'} to ${to}`);
    this.name = 'OrderTransitionError';
  }
}

/**
 * Moves an order to `to` if it is still in `from` (a compare-and-set, so two requests racing on
 * one order cannot both win) and records the change with its cause in `order_events`.
 * Returns the updated order, or null when the order was no longer in `from`.
 */
export async function transitionOrder(
  tx: DbOrTx,
  args: {
    orderId: string;
    from: OrderState;
    to: OrderState;
    cause: string;
    detail?: Record<string, unknown>;
    patch?: OrderPatch;
  },
): Promise<Order | null> {
  if (!canTransition(args.from, args.to)) throw new OrderTransitionError(args.orderId, args.from, args.to);
  const [updated] = await tx
    .update(orders)
    .set({ ...args.patch, state: args.to, updatedAt: new Date() })
    .where(and(eq(orders.id, args.orderId), eq(orders.state, args.from)))
    .returning();
  if (!updated) return null;
  await tx.insert(orderEvents).values({
    orderId: args.orderId,
    fromState: args.from,
    toState: args.to,
    cause: args.cause,
    detail: args.detail,
  });
  return updated;
}

/** Records something that happened to an order without a state change (e.g. "refund issued"). */
export async function recordOrderNote(
  tx: DbOrTx,
  args: { orderId: string; state: OrderState; cause: string; detail?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(orderEvents).values({
    orderId: args.orderId,
    fromState: args.state,
    toState: args.state,
    cause: args.cause,
    detail: args.detail,
  });
}
