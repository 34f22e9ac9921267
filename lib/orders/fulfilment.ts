import 'server-only';
import type { Tx } from '@/lib/db/client';
import type { Order } from './transitions';

/**
 * The seam between checkout and fulfilment. Checkout calls `enqueueConfirmationJobs` inside the
 * transaction that moves an order to CONFIRMED, so the outbox jobs (create the OpenTV
 * entitlement, report ORDER_CONFIRMED to OMS, schedule ORDER_FULFILLED) commit or roll back with
 * the order; it returns their ids, and checkout calls `runJobsNow(ids)` right after the commit.
 * The outbox worker retries whatever fails. (Filled in by the fulfilment work, issue 5.)
 */
export async function enqueueConfirmationJobs(tx: Tx, order: Order): Promise<number[]> {
  void tx;
  void order;
  return [];
}

/** Tries each job once, right after the commit that created it; failures are left to the worker. */
export async function runJobsNow(jobIds: number[]): Promise<void> {
  void jobIds;
}
