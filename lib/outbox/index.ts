/**
 * The transactional outbox, a generic engine (docs/architecture.md#orders-and-their-jobs):
 * enqueue in the caller's transaction, try once inline after commit, a worker retries the rest
 * with backoff, dead-letters what keeps failing, and ops retry or give up. It knows no job kind:
 * the jobs live with the code that needs them (lib/orders/jobs/), each defined with `defineJob`.
 */
export { defineJob } from './define';
export { enqueueAll } from './enqueue';
export { PermanentJobError, RetryableJobError } from './errors';
export { onWorkerTick } from './registry';
export { runOutboxBatch, runJobNow, tryJobsNow, DEFAULT_LEASE_MS } from './run';
export { retryJob, giveUpJob, settleJob } from './admin';
export { QUICK_BACKOFF } from './backoff';
export { defaultWorkerId, startOutboxWorker } from './worker';
export { startServerOutboxWorker } from './web-worker';
