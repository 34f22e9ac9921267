import 'server-only';
import { getProductById } from '@/lib/catalog/queries';
import type { FlexitiAuthorization } from '@/lib/partners/flexiti';
import { CHECKOUT_VALID_MS } from '../money-policy';
import type { Order } from '../transitions';
import type { FlowRow } from './types';

/**
 * The price charged is the price shown (docs/refund-policy.md#price): when a widget answer may no
 * longer be paid as it is, and when Flexiti's answer to `/authorization` is a payment of this order.
 */

/** Why the widget's answer may no longer be paid: the price changed since, or the flow outlived its life. */
export async function priceNoLongerShown(
  order: Order,
  flow: FlowRow,
  now = Date.now(),
): Promise<'price' | 'expired' | null> {
  // The price the catalog pages show now (lib/catalog/queries.ts, cached in the process): the one
  // the customer would confirm again. A product no longer in the catalog keeps the order's price.
  const product = await getProductById(order.productId);
  if (product && product.priceCents !== order.amountCents) return 'price';
  // The flow row is written when its window opens; only the claim of its answer touches it after.
  if (now - flow.updatedAt.getTime() > CHECKOUT_VALID_MS) return 'expired';
  return null;
}

/**
 * What is wrong with a successful `/authorization` answer for this order, if anything: checked as
 * the reconciliation checks what Flexiti lists (lib/orders/payment/reconcile.ts): a payment
 * (`captured`, or `opened` that we then capture), for the order's amount, under our reference.
 */
export function authorizationMismatch(
  order: Pick<Order, 'id' | 'amountCents'>,
  a: Pick<FlexitiAuthorization, 'status' | 'amountCents' | 'reference'>,
): string[] {
  const wrong: string[] = [];
  if (a.status !== 'captured' && a.status !== 'opened') wrong.push(`status ${a.status}`);
  if (a.amountCents !== order.amountCents) wrong.push(`amount ${a.amountCents} ≠ ${order.amountCents}`);
  if (a.reference !== order.id) wrong.push(`reference ${a.reference ?? '(none)'} ≠ ${order.id}`);
  return wrong;
}
