import type { OutboxStatus } from '@/lib/db/schema/outbox';

/** How far ahead a pending job counts as "about to run" (a retry's backoff, an inline attempt's handover). */
const SOON_MS = 60_000;

/**
 * Whether an order still has outbox work running or due within a minute. The ops order page
 * refreshes itself while this holds, so staff watch the timeline fill in (a job the background
 * worker claimed before the request's inline attempt finishes after the first render). Jobs
 * scheduled days ahead (ORDER_FULFILLED after the return window) do not keep it refreshing.
 */
export function hasJobsInFlight(jobs: { status: OutboxStatus; runAt: Date }[], now = Date.now()): boolean {
  return jobs.some((j) => j.status === 'running' || (j.status === 'pending' && j.runAt.getTime() <= now + SOON_MS));
}
