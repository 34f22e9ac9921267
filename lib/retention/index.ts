import 'server-only';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { onWorkerTick } from '@/lib/outbox';
import { pruneOnce, type PruneCounts } from './prune';

export type { PruneCounts } from './prune';

/** Between runs when the last one found less than a full batch anywhere. */
const QUIET_INTERVAL_MS = 10 * 60_000;
const BATCH = 500;

let nextRunAt = 0;
let registered = false;

/** One prune run on the worker's tick when due: every 10 minutes, or the next tick while a backlog remains. */
export async function pruneOnTick(now = Date.now()): Promise<PruneCounts | null> {
  if (now < nextRunAt) return null;
  const counts = await pruneOnce(await getDb(), getConfig().retention, BATCH);
  const backlog = Object.values(counts).some((n) => n >= BATCH);
  nextRunAt = now + (backlog ? 0 : QUIET_INTERVAL_MS);
  if (Object.values(counts).some((n) => n > 0))
    console.log(
      `retention: pruned ${counts.callLog} calls, ${counts.audit} audit rows, ${counts.eventDetails} event details, ${counts.limiterRows} limiter rows`,
    );
  return counts;
}

/** Registers the prune run with the outbox worker (lib/server-start.ts, scripts/worker.ts). Once per process. */
export function registerRetention(): void {
  if (registered) return;
  registered = true;
  onWorkerTick(() => pruneOnTick(), 'retention');
}
