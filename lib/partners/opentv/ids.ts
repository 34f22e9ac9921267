/**
 * The entitlement `_id` we send for an order (OpenTV allows a client-chosen `_id`: docs/partners/opentv.md#entitlement-id).
 * Deterministic, so the outbox retrying "create entitlement" after a crash addresses the same
 * entitlement instead of creating a second one. It carries no personal data (only our order id).
 */
export function entitlementIdForOrder(orderId: string): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(orderId)) throw new Error('orderId must be 1–100 letters, digits, "-" or "_"');
  return `ent-${orderId}`;
}
