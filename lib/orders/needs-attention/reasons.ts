/**
 * Why software gave an order to a person (`orders.attention_reason`, the ops "needs attention"
 * list; docs/architecture.md#needs-attention). Text, so a new reason needs no migration.
 */
export const ATTENTION_REASONS = {
  /** PAYMENT_VERIFYING past the not-found window (plus a minute): Flexiti could not be read. */
  paymentUnsettled: 'payment_unsettled',
  /** An outbox job of the order is dead: a provisioning, a refund or a report failed for good. */
  jobDead: 'job_dead',
  /** A paid order whose payment Flexiti does not hold in full. */
  partnerMismatch: 'partner_mismatch',
} as const;

/** How long after the not-found deadline an unsettled payment goes to a person. */
export const UNSETTLED_MARGIN_MS = 60_000;
