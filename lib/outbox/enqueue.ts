import 'server-only';
import { inArray } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import type { DbOrTx } from '@/lib/db/client';
import { outboxJobs } from '@/lib/db/schema';

export interface NewOutboxJob {
  kind: string;
  /** Unique per effect, e.g. `oms:<orderId>:ORDER_CONFIRMED`: enqueuing it again is a no-op. */
  dedupeKey: string;
  orderId?: string | null;
  payload: Record<string, unknown>;
  /** Not before this time (scheduled jobs); default now. */
  runAt?: Date;
  /** Default `config.outboxMaxAttempts`. */
  maxAttempts?: number;
}

const rowOf = (job: NewOutboxJob) => ({
  kind: job.kind,
  dedupeKey: job.dedupeKey,
  orderId: job.orderId ?? null,
  payload: job.payload,
  maxAttempts: job.maxAttempts ?? getConfig().outboxMaxAttempts,
  ...(job.runAt ? { runAt: job.runAt } : {}),
});

/**
 * Writes jobs in the caller's transaction, so they exist if and only if the change that causes
 * them commits (docs/architecture.md#orders-and-their-jobs): all of them in one statement. Returns
 * each job's id (in the order given), and whether this call created it; a job already enqueued
 * (its dedupe key taken) is found by a second read, as only a repeated call meets one.
 */
export async function enqueueAll(tx: DbOrTx, jobs: NewOutboxJob[]): Promise<{ id: number; created: boolean }[]> {
  if (!jobs.length) return [];
  const inserted = await tx
    .insert(outboxJobs)
    .values(jobs.map(rowOf))
    .onConflictDoNothing({ target: outboxJobs.dedupeKey })
    .returning({ id: outboxJobs.id, dedupeKey: outboxJobs.dedupeKey });
  const ids = new Map(inserted.map((r) => [r.dedupeKey, { id: r.id, created: true }]));
  const missing = jobs.map((j) => j.dedupeKey).filter((key) => !ids.has(key));
  if (missing.length) {
    const existing = await tx
      .select({ id: outboxJobs.id, dedupeKey: outboxJobs.dedupeKey })
      .from(outboxJobs)
      .where(inArray(outboxJobs.dedupeKey, missing));
    for (const r of existing) ids.set(r.dedupeKey, { id: r.id, created: false });
  }
  return jobs.map((j) => {
    const found = ids.get(j.dedupeKey);
    if (!found) throw new Error(`outbox: job ${j.dedupeKey} neither inserted nor found`);
    return found;
  });
}

/** One job, as `enqueueAll` writes it. */
export async function enqueue(tx: DbOrTx, job: NewOutboxJob): Promise<{ id: number; created: boolean }> {
  const [one] = await enqueueAll(tx, [job]);
  return one!;
}
