/**
 * The reason (category, code) pairs the sandbox accepts on status updates and cancellations
 * (docs/partners/opentv.md#reason-codes): Bango's twelve pairs plus Nagra's two examples. Bango "may reject" anything
 * else, so the sandbox does.
 */
export const REASON_PAIRS: readonly (readonly [category: string, code: string])[] = [
  ['CUSTOMER_CANCELLED', 'NOT_RENEWED'],
  ['CUSTOMER_CANCELLED', 'CHANGED_SERVICE'],
  ['CUSTOMER_CANCELLED', 'CUSTOMER_CANCELLED'],
  ['CUSTOMER_CANCELLED', 'EXPIRED'],
  ['CUSTOMER_CHANGED', 'CUSTOMER_CANCELLED_BUNDLE'],
  ['CUSTOMER_CHANGED', 'CUSTOMER_CANCELLED_ADDON'],
  ['REVOKED', 'ACCOUNT_TERMINATED'],
  ['REVOKED', 'SUSPENDED_CANCEL'],
  ['CUSTOMER_CHANGED', 'CHANGED_SERVICE'],
  ['ACTIVATION_ROLLBACK', 'TEST_ENTITLEMENT'],
  ['ACTIVATION_ROLLBACK', 'FRAUD'],
  ['ACTIVATION_ROLLBACK', 'FRAUD_CHECK'],
  // Nagra's two examples are rows 1 and 7 above; kept explicit for the record.
  ['CUSTOMER_CANCELLED', 'NOT_RENEWED'],
  ['REVOKED', 'ACCOUNT_TERMINATED'],
];

export function isAllowedReason(category: string, code: string): boolean {
  return REASON_PAIRS.some(([c, k]) => c === category && k === code);
}
