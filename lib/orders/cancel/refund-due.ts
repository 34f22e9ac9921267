import 'server-only';
import { refundFor, type RefundDecision } from '../money-policy';
import { purchasedAt } from '../order-context';
import type { Order } from '../transitions';
import type { ProductRow } from '@/lib/db/schema';

/**
 * What a cancellation of this order at `now` gives back (docs/refund-policy.md#refunds), from the
 * order as stored: the period counts from the activation OpenTV told us (`activatedAt`).
 */
export function refundDueAt(
  order: Pick<
    Order,
    'amountCents' | 'activatedAt' | 'lastFulfillmentAt' | 'state' | 'entitlementStatus' | 'confirmedAt' | 'createdAt'
  >,
  product: Pick<ProductRow, 'billingPeriod'>,
  now: Date,
): RefundDecision {
  const activated = !!order.activatedAt || order.state === 'ACTIVE' || order.entitlementStatus === 'ACTIVE';
  return refundFor({
    amountCents: order.amountCents,
    billingPeriod: product.billingPeriod,
    // An order activated before the activation time was recorded counts from its purchase.
    activatedAt: order.activatedAt ?? (activated ? purchasedAt(order) : null),
    windowEndsAt: order.lastFulfillmentAt,
    now,
  });
}
