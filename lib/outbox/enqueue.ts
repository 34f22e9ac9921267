import 'server-only';
import { eq } from 'drizzle-orm';
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

/**
 * Writes a job in the caller's transaction, so it exists if and only if the change that causes it
 * commits (docs/architecture.md#orders-and-their-jobs). Returns the job id, and whether this call created it.
 */
export async function enqueue(tx: DbOrTx, job: NewOutboxJob): Promise<{ id: number; created: boolean }> {
  const [row] = await tx
    .insert(outboxJobs)
    .values({
      kind: job.kind,
      dedupeKey: job.dedupeKey,
      orderId: job.orderId ?? null,
      payload: job.payload,
      maxAttempts: job.maxAttempts ?? getConfig().outboxMaxAttempts,
      ...(job.runAt ? { runAt: job.runAt } : {}),
    })
    .onConflictDoNothing({ target: outboxJobs.dedupeKey })
    .returning({ id: outboxJobs.id });
  if (row) return { id: row.id, created: true };
  const [existing] = await tx
    .select({ id: outboxJobs.id })
    .from(outboxJobs)
    .where(eq(outboxJobs.dedupeKey, job.dedupeKey));
  if (!existing) throw new Error(`outbox: job ${job.dedupeKey} neither inserted nor found`);
  return { id: existing.id, created: false };
}
