import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import type { DbOrTx } from '@/lib/db/client';
import { orders, products, type OrderState } from '@/lib/db/schema';
import { platformNow } from '@/lib/platform/clock';
import { DAY_MS, planEndsAt } from './money-policy';
import { PAID_STATES } from './state-machine';

/**
 * One live plan per product (docs/refund-policy.md#one-live-plan): the order through which the
 * customer holds the product now, if any. Live = paid and not refunded (CONFIRMED, ACTIVE), or
 * FULFILLED (its return window is over) while its period has not ended. The checkout asks this
 * first, for a message with a link to that order; the `orders_one_live_plan` unique index is what
 * makes two racing checkouts unable to both ask Flexiti for money.
 */
export async function findLivePlan(
  db: DbOrTx,
  customerId: string,
  productId: number,
): Promise<{ id: string; state: (typeof PAID_STATES)[number] } | null> {
  return livePlanAmong(db, await ordersOfPlan(db, customerId, productId, PAID_STATES));
}

/** The customer's orders of one product in `states`, newest first, with what `livePlanAmong` needs. */
export function ordersOfPlan(db: DbOrTx, customerId: string, productId: number, states: readonly OrderState[]) {
  return db
    .select({
      id: orders.id,
      state: orders.state,
      activatedAt: orders.activatedAt,
      lastFulfillmentAt: orders.lastFulfillmentAt,
      billingPeriod: products.billingPeriod,
    })
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .where(and(eq(orders.customerId, customerId), eq(orders.productId, productId), inArray(orders.state, [...states])))
    .orderBy(desc(orders.createdAt));
}

/** The live plan among rows of `ordersOfPlan` (any other states in them are passed over). */
export async function livePlanAmong(
  db: DbOrTx,
  rows: Awaited<ReturnType<typeof ordersOfPlan>>,
): Promise<{ id: string; state: (typeof PAID_STATES)[number] } | null> {
  const paid = rows.filter((o) => (PAID_STATES as readonly string[]).includes(o.state));
  if (!paid.length) return null;
  const now = await platformNow(db);
  const windowMs = getConfig().returnWindowDays * DAY_MS;
  for (const o of paid) {
    if (o.state !== 'FULFILLED') return { id: o.id, state: o.state as (typeof PAID_STATES)[number] };
    const purchasedAt = new Date((o.lastFulfillmentAt?.getTime() ?? 0) - windowMs);
    if (now < planEndsAt({ billingPeriod: o.billingPeriod, activatedAt: o.activatedAt, purchasedAt })) {
      return { id: o.id, state: 'FULFILLED' };
    }
  }
  return null;
}

/** The database's refusal of a second live order for one customer and product (the unique index). */
export function isLivePlanConflict(e: unknown): boolean {
  for (let c: unknown = e; c && typeof c === 'object'; c = (c as { cause?: unknown }).cause) {
    const err = c as { code?: unknown; constraint?: unknown; message?: unknown };
    if (
      err.code === '23505' &&
      (err.constraint === 'orders_one_live_plan' || String(err.message).includes('orders_one_live_plan'))
    ) {
      return true;
    }
  }
  return false;
}
