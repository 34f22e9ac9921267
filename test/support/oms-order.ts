import { asc, eq } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import type { Db } from '@/lib/db/open';
import { customers, orders, products } from '@/lib/db/schema';
import { omsReportJob } from '@/lib/orders/jobs/oms-report';
import { newOrderId } from '@/lib/orders/order-id';
import type { OmsOrderState } from '@/lib/partners/ultra';
import { identityTokenFor, PERSONAS } from '@/test/support/sandbox';

const DAY = 86_400_000;

/**
 * An order row the OMS job can report (a persona's, the cheapest product, its return window 7 days
 * ahead), written directly: for tests of the outbox engine that need a real `oms.report` job and
 * not a checkout. FULFILLED, so it holds no product "live" for other tests of the same customer.
 */
export async function orderForOms(db: Db, persona = 0): Promise<{ orderId: string; lastFulfillmentAt: Date }> {
  const identityToken = identityTokenFor(getConfig().ultra.merchantId, PERSONAS[persona]!);
  const [customer] = await db
    .insert(customers)
    .values({ identityToken })
    .onConflictDoUpdate({ target: customers.identityToken, set: { updatedAt: new Date() } })
    .returning({ id: customers.id });
  const [product] = await db.select().from(products).where(eq(products.active, true)).orderBy(asc(products.priceCents));
  const orderId = newOrderId();
  const lastFulfillmentAt = new Date(Date.now() + 7 * DAY);
  await db.insert(orders).values({
    id: orderId,
    customerId: customer!.id,
    productId: product!.id,
    state: 'FULFILLED',
    amountCents: product!.priceCents,
    currency: product!.currency,
    confirmedAt: new Date(),
    lastFulfillmentAt,
  });
  return { orderId, lastFulfillmentAt };
}

/** The OMS report of `state` for the order, in the caller's transaction (what the order flows enqueue). */
export function enqueueOmsReport(
  tx: Parameters<typeof omsReportJob.enqueue>[0],
  order: { orderId: string; lastFulfillmentAt: Date },
  state: OmsOrderState = 'ORDER_CONFIRMED',
  opts: { runAt?: Date; reverseCents?: number } = {},
) {
  return omsReportJob.enqueue(
    tx,
    {
      orderId: order.orderId,
      state,
      updatedAt: new Date(),
      lastFulfillmentAt: order.lastFulfillmentAt,
      reverseCents: opts.reverseCents ?? 0,
    },
    { runAt: opts.runAt },
  );
}
