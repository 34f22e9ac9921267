import 'server-only';
import { and, asc, desc, eq, gte } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { customers, orderEvents, orders } from '@/lib/db/schema';
import { callsSince } from '@/lib/ops/queries';

/**
 * What the demo tour draws: the partner calls since the tour started that belong to the persona's
 * current order (its latest one since then) or to no order at all (sign-in), and that order's
 * events, so partner callbacks (OpenTV's activation webhook) are arrows too. Calls of other orders
 * (another tab, the clock move fulfilling older orders) stay out of the picture.
 */
export async function tourTimeline(db: DbOrTx, opts: { since: Date; identityToken: string }) {
  const [customer] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.identityToken, opts.identityToken));
  const [order] = customer
    ? await db
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.customerId, customer.id), gte(orders.createdAt, opts.since)))
        .orderBy(desc(orders.createdAt), desc(orders.id))
        .limit(1)
    : [];
  const orderId = order?.id ?? null;
  const all = await callsSince(db, opts.since, 500);
  // A call without an order id that shares its correlation id with another order's call (the
  // Keycloak token for that order's entitlement) belongs to that order.
  const otherFlows = new Set(all.filter((c) => c.orderId && c.orderId !== orderId).map((c) => c.correlationId));
  const calls = all.filter((c) => (c.orderId ? c.orderId === orderId : !otherFlows.has(c.correlationId)));
  const events = orderId
    ? await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id))
    : [];
  return { orderId, calls, events };
}
