import 'server-only';
import { eq } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import type { DbOrTx } from '@/lib/db/client';
import { customers, orders, products, type ProductRow } from '@/lib/db/schema';
import { DAY_MS } from './money-policy';
import type { Order } from './transitions';

/** An order with what its OMS reports and its provisioning need: the customer and the product. */
export interface OrderContext {
  order: Order;
  identityToken: string;
  customerId: string;
  product: ProductRow;
}

export async function loadOrderContext(db: DbOrTx, orderId: string): Promise<OrderContext | null> {
  const [row] = await db
    .select({ order: orders, identityToken: customers.identityToken, customerId: customers.id, product: products })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(products, eq(products.id, orders.productId))
    .where(eq(orders.id, orderId));
  return row ?? null;
}

/** When the order was placed, as OMS is told every time (the same value in every event). */
export const orderTimestampOf = (order: Order) => order.confirmedAt ?? order.createdAt;

/**
 * When the order was paid on the platform clock (the sandbox clock in sandbox mode), the start of
 * its term and of its return window: the end of the window minus its length. The wall-clock
 * confirmation time for an order that has no window yet.
 */
export function purchasedAt(order: Pick<Order, 'lastFulfillmentAt' | 'confirmedAt' | 'createdAt'>): Date {
  if (order.lastFulfillmentAt) {
    return new Date(order.lastFulfillmentAt.getTime() - getConfig().returnWindowDays * DAY_MS);
  }
  return order.confirmedAt ?? order.createdAt;
}
