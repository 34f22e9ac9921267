import 'server-only';
import { registerFulfilmentJobs } from './handlers';
import { pollPendingEntitlementsOnTick } from '@/lib/orders/entitlement-status';
import { sweepStuckPaymentsOnTick } from '@/lib/orders/payment-recovery';
import { registerOmsReportJob } from './jobs/oms-report';
import { onWorkerTick } from './registry';
import { sweepCheckoutFlows } from '@/lib/orders/checkout-sweep';

/**
 * Registers every job handler and worker-tick hook, once per process. Another area adds its one
 * line here (a `registerXJobs()` call, or `onWorkerTick(fn)`), so the worker
 * started from instrumentation.ts and the request that runs a job inline both know every kind.
 * Modules registered from here import `registerJobHandler`/`onWorkerTick` from './registry'
 * (not from '@/lib/outbox') to keep the import graph acyclic.
 */
let done = false;

export function ensureOutboxSetup(): void {
  if (done) return;
  done = true;
  registerOmsReportJob();
  registerFulfilmentJobs();
  onWorkerTick(sweepStuckPaymentsOnTick, 'payment-recovery');
  onWorkerTick(pollPendingEntitlementsOnTick, 'entitlement-status-poll');
  onWorkerTick(sweepCheckoutFlows, 'checkout-flow-sweep');
}
