import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { customers, orders, products } from '@/lib/db/schema';
import type { Order } from './transitions';

/** An order with what its OMS reports and its provisioning need: the customer and the product. */
export interface OrderContext {
  order: Order;
  identityToken: string;
  customerId: string;
  product: typeof products.$inferSelect;
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
