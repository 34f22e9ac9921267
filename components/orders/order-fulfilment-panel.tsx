import type { Order } from '@/lib/orders/transitions';

/**
 * Placeholder slot on the order page for the fulfilment work (issue 5: provisioning, refund and
 * "what Flipkart has been told"). Owned by the fulfilment engineer, who replaces this body; the
 * order page renders it with the full order row.
 */
export function OrderFulfilmentPanel({ order }: { order: Order }) {
  void order;
  return null;
}
