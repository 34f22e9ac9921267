import 'server-only';
import { onWorkerTick } from '@/lib/outbox';
import { sweepCheckoutFlows } from '../checkout/sweep';
import { pollPendingEntitlementsOnTick } from '../fulfilment/entitlement-status';
import { raiseNeedsAttentionOnTick } from '../needs-attention/raise';
import { sweepStuckPaymentsOnTick } from '../payment/recovery';
import { registerEntitlementJob } from './entitlement';
import { registerFulfilJob } from './fulfil';
import { registerOmsReportJob } from './oms-report';
import { registerReconcileJob } from './payment-reconcile';
import { registerRefundJob } from './refund';

/**
 * The order lifecycle's outbox jobs and worker-tick checks, registered with the generic outbox
 * engine (lib/outbox), which knows no job kind. Called once per process at start-up, before any
 * job can run: lib/server-start.ts (instrumentation, so every bundle of the web server sees them:
 * the registry lives on globalThis), scripts/worker.ts, scripts/bench.ts and the Vitest setup
 * (test/setup/register-order-jobs.ts). Registering again is a no-op.
 */
let registered = false;

export function registerOrderJobs(): void {
  if (registered) return;
  registered = true;
  registerOmsReportJob();
  registerEntitlementJob();
  registerFulfilJob();
  registerRefundJob();
  registerReconcileJob();
  onWorkerTick(sweepStuckPaymentsOnTick, 'payment-recovery');
  onWorkerTick(pollPendingEntitlementsOnTick, 'entitlement-status-poll');
  onWorkerTick(sweepCheckoutFlows, 'checkout-flow-sweep');
  onWorkerTick(raiseNeedsAttentionOnTick, 'needs-attention');
}
