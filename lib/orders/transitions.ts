import 'server-only';
import { and, eq, sql, type SQL, type Subquery } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/lib/db/client';
import { orderEvents, orders, type OrderState, type NewOrderRow, type OrderRow } from '@/lib/db/schema';
import { canTransition } from './state-machine';

export type Order = OrderRow;
/** Columns the transition sets beside the state: values, or SQL over the row's old values. */
type OrderPatch = {
  [K in keyof Omit<NewOrderRow, 'id' | 'state' | 'customerId' | 'productId'>]?: NewOrderRow[K] | SQL;
};

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
  // One statement: the compare-and-set and its event (a data-modifying CTE), atomic without a
  // transaction of its own and one round trip instead of two.
  const moved = tx.$with('moved').as(
    tx
      .update(orders)
      .set({ ...args.patch, state: args.to, updatedAt: new Date() })
      .where(and(eq(orders.id, args.orderId), eq(orders.state, args.from)))
      .returning(),
  );
  const noted = tx
    .$with('noted')
    .as(
      tx
        .insert(orderEvents)
        .select(
          eventRowsFrom(tx, moved, { fromState: args.from, toState: args.to, cause: args.cause, detail: args.detail }),
        ),
    );
  const [updated] = await tx.with(moved, noted).select().from(moved);
  return updated ?? null;
}

/**
 * The `order_events` row for each order a data-modifying CTE (`source`, with an `id` column) returns,
 * as the select of an `insert … select`: the event is written in the same statement as the change
 * it records, and only when that change happened. Columns in the table's order (drizzle checks).
 */
export function eventRowsFrom(
  db: DbOrTx,
  source: Subquery & { id: AnyPgColumn },
  e: { fromState: OrderState | null; toState: OrderState; cause: string; detail?: Record<string, unknown> },
) {
  return db
    .select({
      id: sql<number>`nextval(pg_get_serial_sequence('order_events', 'id'))`.as('id'),
      orderId: source.id,
      fromState: sql<string | null>`${e.fromState}::text`.as('from_state'),
      toState: sql<string>`${e.toState}::text`.as('to_state'),
      cause: sql<string>`${e.cause}::text`.as('cause'),
      detail: sql<unknown>`${e.detail === undefined ? null : JSON.stringify(e.detail)}::jsonb`.as('detail'),
      createdAt: sql<Date>`now()`.as('created_at'),
    })
    .from(source);
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
