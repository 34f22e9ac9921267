import 'server-only';
import { onWorkerTick } from '@/lib/outbox';
import { sweepCheckoutFlows } from '../checkout/sweep';
import { pollPendingEntitlementsOnTick } from '../fulfilment/entitlement-status';
import { raiseNeedsAttentionOnTick } from '../needs-attention/raise';
import { sweepStuckPaymentsOnTick } from '../payment/recovery';
import { entitlementJob } from './entitlement';
import { fulfilJob } from './fulfil';
import { omsReportJob } from './oms-report';
import { reconcileJob } from './payment-reconcile';
import { refundJob } from './refund';

/**
 * The order lifecycle's outbox jobs (each defined with `defineJob`) and worker-tick checks,
 * registered with the generic outbox engine (lib/outbox), which knows no job kind. Called once per
 * process at start-up, before any job can run: lib/server-start.ts (instrumentation, so every
 * bundle of the web server sees them: the registry lives on globalThis), scripts/worker.ts
 * and the Vitest setup (test/setup/register-order-jobs.ts). Registering again is a no-op.
 */
let registered = false;

export function registerOrderJobs(): void {
  if (registered) return;
  registered = true;
  for (const job of [omsReportJob, entitlementJob, fulfilJob, refundJob, reconcileJob]) job.register();
  onWorkerTick(sweepStuckPaymentsOnTick, 'payment-recovery');
  onWorkerTick(pollPendingEntitlementsOnTick, 'entitlement-status-poll');
  onWorkerTick(sweepCheckoutFlows, 'checkout-flow-sweep');
  onWorkerTick(raiseNeedsAttentionOnTick, 'needs-attention');
}
