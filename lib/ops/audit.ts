import 'server-only';
import { count, desc } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { opsAudit } from '@/lib/db/schema';

export type OpsAction =
  | 'sign-in'
  | 'sign-in.failed'
  | 'sign-in.locked'
  | 'sign-out'
  | 'outbox.retry'
  | 'outbox.give-up'
  | 'sandbox.controls'
  | 'sandbox.force-error'
  | 'sandbox.clear-error'
  | 'sandbox.fault-queued'
  | 'sandbox.faults-cleared'
  | 'sandbox.reset'
  | 'sandbox.clock'
  | 'sandbox.test-order'
  | 'sandbox.entitlement-activated'
  | 'sandbox.oms-settings'
  | 'sandbox.oms-fault'
  | 'sandbox.oms-fault-cleared';

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
