import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { outboxAttempts, outboxJobs } from '@/lib/db/schema';
import { platformNow } from '@/lib/platform/clock';

/** Ops console actions and views over the outbox. */

/**
 * Runs a pending or dead job again now. The run a person asks for is not taken from the job's
 * automatic attempts: its budget grows by one, so the worker still has as many tries left as
 * before. A dead job also gets a fresh budget of `config.outboxMaxAttempts` automatic attempts
 * (its history stays in `outbox_attempts`).
 */
export async function retryJob(id: number): Promise<boolean> {
  const db = await getDb();
  const now = await platformNow(db);
  const extra = getConfig().outboxMaxAttempts;
  const rows = await db
    .update(outboxJobs)
    .set({
      status: 'pending',
      runAt: now,
      maxAttempts: sql`case when ${outboxJobs.status} = 'dead' then ${outboxJobs.attempts} + ${extra} else ${outboxJobs.maxAttempts} end + 1`,
      updatedAt: now,
    })
    .where(and(eq(outboxJobs.id, id), inArray(outboxJobs.status, ['pending', 'dead'])))
    .returning({ id: outboxJobs.id });
  return rows.length > 0;
}

/**
 * Marks a pending job done without running it: what it was queued to find out is already known
 * (a payment reconciliation after Flexiti's definite answer). A job already running or finished
 * is left alone. Returns whether it was settled. `at`: the platform clock's now, when the caller
 * has it (one read of the sandbox clock less).
 */
export async function settleJob(db: DbOrTx, id: number, at?: Date): Promise<boolean> {
  const now = at ?? (await platformNow(db));
  const rows = await db
    .update(outboxJobs)
    .set({ status: 'done', doneAt: now, lastError: null, updatedAt: now })
    .where(and(eq(outboxJobs.id, id), eq(outboxJobs.status, 'pending')))
    .returning({ id: outboxJobs.id });
  return rows.length > 0;
}

/** Stops retrying a pending job: it becomes `dead` with the reason, kept as an attempt row too. */
export async function giveUpJob(id: number, reason: string, actor = 'ops'): Promise<boolean> {
  const db = await getDb();
  const now = await platformNow(db);
  const message = `given up by ${actor}: ${reason}`.slice(0, 2000);
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(outboxJobs)
      .set({ status: 'dead', lastError: message, updatedAt: now })
      .where(and(eq(outboxJobs.id, id), eq(outboxJobs.status, 'pending')))
      .returning({ id: outboxJobs.id, attempts: outboxJobs.attempts });
    const row = rows[0];
    if (!row) return false;
    await tx
      .insert(outboxAttempts)
      .values({ jobId: id, attempt: row.attempts, worker: actor, outcome: 'dead', error: message, startedAt: now });
    return true;
  });
}
