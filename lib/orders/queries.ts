import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { orderEvents, orders, products } from '@/lib/db/schema';

/** The customer's orders, newest first, with the product each is for (My orders: lib/orders/customer-view.ts splits them). */
export async function listCustomerOrders(customerId: string) {
  const db = await getDb();
  return db
    .select({
      id: orders.id,
      state: orders.state,
      amountCents: orders.amountCents,
      currency: orders.currency,
      createdAt: orders.createdAt,
      activatedAt: orders.activatedAt,
      entitlementStatus: orders.entitlementStatus,
      productName: products.name,
      productSlug: products.slug,
      billingPeriod: products.billingPeriod,
    })
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .where(eq(orders.customerId, customerId))
    .orderBy(desc(orders.createdAt), desc(orders.id));
}

export type CustomerOrderSummary = Awaited<ReturnType<typeof listCustomerOrders>>[number];

/**
 * One of the customer's orders with its state history, or null. Another customer's order is
 * indistinguishable from a missing one (the page answers 404 for both).
 */
export async function getCustomerOrder(customerId: string, orderId: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      order: orders,
      product: { name: products.name, slug: products.slug, billingPeriod: products.billingPeriod },
    })
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .where(and(eq(orders.id, orderId), eq(orders.customerId, customerId)))
    .limit(1);
  if (!row) return null;
  const events = await db
    .select({
      id: orderEvents.id,
      fromState: orderEvents.fromState,
      toState: orderEvents.toState,
      cause: orderEvents.cause,
      createdAt: orderEvents.createdAt,
    })
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.id));
  return { ...row, events };
}

/**
 * The Flexiti account opened for this order, when the customer applied at checkout: its last four
 * digits and its credit limit (Flexiti's answer to /apply, kept in the order's history). Null for
 * an order paid with an existing account.
 */
export async function newFlexitiAccountFor(
  orderId: string,
): Promise<{ last4: string; creditLimitCents: number | null } | null> {
  const db = await getDb();
  const [row] = await db
    .select({ detail: orderEvents.detail })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.cause, 'flexiti.application_approved')))
    .orderBy(desc(orderEvents.id))
    .limit(1);
  // Stored masked (••••1234, lib/security/mask.ts): the last four digits are all we keep or need.
  const account = row?.detail?.accountNumber;
  if (typeof account !== 'string' || !/\d{4}$/.test(account)) return null;
  const limit = row?.detail?.creditLimitCents;
  return { last4: account.slice(-4), creditLimitCents: typeof limit === 'number' ? limit : null };
}
