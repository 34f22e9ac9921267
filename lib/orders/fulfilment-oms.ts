import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { customers, orders, products } from '@/lib/db/schema';
import { centsToAmount } from '@/lib/money';
import type { OmsReportInput } from '@/lib/outbox/jobs/oms-report';
import type { OmsOrderState } from '@/lib/partners/ultra/oms';
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

/**
 * The OMS event for one state of an order (docs/partners/ultra.md#oms-fields). `forwardTransaction` is what
 * the customer paid; `reverseTransaction` 0 except on the terminal states (docs/partners/ultra.md#oms-amounts), where it is
 * what was returned; always a non-empty description (docs/partners/ultra.md#oms-fields); category and product id in
 * `orderMetadata` (docs/partners/ultra.md#oms-metadata). Timestamps are Dates here: the OMS client sends them in the configured
 * unit (docs/partners/ultra.md#oms-timestamps, milliseconds by default).
 */
export function omsEventFor(
  ctx: OrderContext,
  state: OmsOrderState,
  at: { orderTimestamp: Date; updatedTimestamp?: Date; lastFulfillmentDate: Date; reverseCents?: number },
): OmsReportInput {
  const { order, product } = ctx;
  return {
    orderId: order.id,
    state,
    identityToken: ctx.identityToken,
    description: `${product.name} (${product.billingPeriod === 'month' ? 'monthly' : 'yearly'} ${product.kind === 'plan' ? 'plan' : 'add-on'})`,
    orderTimestamp: at.orderTimestamp,
    ...(at.updatedTimestamp ? { updatedTimestamp: at.updatedTimestamp } : {}),
    forwardAmount: centsToAmount(order.amountCents),
    reverseAmount: centsToAmount(Math.min(at.reverseCents ?? 0, order.amountCents)),
    lastFulfillmentDate: at.lastFulfillmentDate,
    metadata: { category: product.kind, productId: product.slug },
  };
}

/** When the order was placed, as OMS is told every time (the same value in every event). */
export const orderTimestampOf = (order: Order) => order.confirmedAt ?? order.createdAt;
