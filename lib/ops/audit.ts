import 'server-only';
import { and, count, desc, eq, gte, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { opsAudit } from '@/lib/db/schema';

export type OpsAction =
  | 'sign-in'
  | 'sign-in.failed'
  | 'sign-in.locked'
  | 'sign-out'
  | 'attention.confirm'
  | 'attention.fail'
  | 'attention.retry'
  | 'attention.refund'
  | 'customer.sessions-ended'
  | 'outbox.retry'
  | 'outbox.give-up'
  | 'sandbox.controls'
  | 'sandbox.force-error'
  | 'sandbox.clear-error'
  | 'sandbox.reading'
  | 'sandbox.fault-queued'
  | 'sandbox.faults-cleared'
  | 'sandbox.reset'
  | 'sandbox.clock'
  | 'sandbox.test-order'
  | 'sandbox.entitlement-activated'
  | 'sandbox.oms-settings'
  | 'sandbox.oms-fault'
  | 'sandbox.oms-fault-cleared'
  | 'sandbox.options';

/** Who did what in the console (table `ops_audit`). Details hold no secrets or PII. */
export async function recordOpsAction(
  db: DbOrTx,
  entry: { actor: string; action: OpsAction; target?: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  await db.insert(opsAudit).values({
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? null,
    detail: entry.detail ?? null,
  });
}

/** Refused sign-ins are counted per name in windows this long (the lockout's own window). */
const REFUSAL_WINDOW_MS = 15 * 60 * 1000;

/**
 * A refused staff sign-in (locked, or another check for the name in flight): one
 * `sign-in.locked` row per name and 15-minute window, its `count` raised by each refusal, so a
 * flood of refusals adds one row, not one per request.
 */
export async function recordRefusal(db: DbOrTx, name: string, ip: string, retryAfterS: number): Promise<void> {
  const windowStart = new Date(Math.floor(Date.now() / REFUSAL_WINDOW_MS) * REFUSAL_WINDOW_MS);
  // One writer per name at a time (a transaction-scoped advisory lock), so parallel refusals
  // raise one row's count instead of each inserting its own.
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`ops-refusal:${name}`}))`);
    const bumped = await tx
      .update(opsAudit)
      .set({
        detail: sql`coalesce(${opsAudit.detail}, '{}'::jsonb) || jsonb_build_object('count', coalesce((${opsAudit.detail}->>'count')::int, 1) + 1, 'ip', ${ip}::text, 'retryAfterSeconds', ${retryAfterS}::int)`,
      })
      .where(and(eq(opsAudit.actor, name), eq(opsAudit.action, 'sign-in.locked'), gte(opsAudit.createdAt, windowStart)))
      .returning({ id: opsAudit.id });
    if (bumped.length === 0)
      await recordOpsAction(tx, {
        actor: name,
        action: 'sign-in.locked',
        detail: { ip, retryAfterSeconds: retryAfterS, count: 1, window: windowStart.toISOString() },
      });
  });
}

export const AUDIT_PAGE_SIZE = 50;

export async function listOpsAudit(db: DbOrTx, page = 1) {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(opsAudit)
      .orderBy(desc(opsAudit.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((page - 1) * AUDIT_PAGE_SIZE),
    db.select({ n: count() }).from(opsAudit),
  ]);
  return { rows, total: total?.n ?? 0 };
}
