import 'server-only';
import { registerEntitlementJob } from './opentv-entitlement';
import { registerFulfilJob } from './order-fulfil';
import { registerRefundJob } from './order-refund';
import { registerReconcileJob } from './payment-reconcile';

/** The order lifecycle's job handlers, registered from lib/outbox/setup.ts. */
export function registerFulfilmentJobs(): void {
  registerEntitlementJob();
  registerFulfilJob();
  registerRefundJob();
  registerReconcileJob();
}
