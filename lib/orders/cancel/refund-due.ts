import 'server-only';
import type { products } from '@/lib/db/schema';
import { refundFor, type RefundDecision } from '../money-policy';
import { purchasedAt } from '../order-context';
import type { Order } from '../transitions';

/**
 * What a cancellation of this order at `now` gives back (docs/refund-policy.md#refunds), from the
 * order as stored: activated once OpenTV said so (the order ACTIVE, or its entitlement ACTIVE).
 */
export function refundDueAt(
  order: Pick<
    Order,
    'amountCents' | 'activatedAt' | 'lastFulfillmentAt' | 'state' | 'entitlementStatus' | 'confirmedAt' | 'createdAt'
  >,
  product: Pick<typeof products.$inferSelect, 'billingPeriod'>,
  now: Date,
): RefundDecision {
  return refundFor({
    amountCents: order.amountCents,
    term: product.billingPeriod,
    activated: !!order.activatedAt || order.state === 'ACTIVE' || order.entitlementStatus === 'ACTIVE',
    purchasedAt: purchasedAt(order),
    windowEndsAt: order.lastFulfillmentAt,
    now,
  });
}
