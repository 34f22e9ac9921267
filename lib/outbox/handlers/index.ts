import 'server-only';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { deliverDueWebhooks } from '@/lib/sandbox/opentv/webhook-delivery';
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

/**
 * Sandbox mode: the OpenTV sandbox's webhook deliveries that failed are retried from the worker
 * loop too (it arms its own timer as well; this covers a restart).
 */
export async function deliverDueSandboxWebhooks(): Promise<void> {
  if (!getConfig().sandbox) return;
  await deliverDueWebhooks(await getDb());
}
