import 'server-only';
import { count, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { sandboxFaultQueue, sandboxSettings } from '@/lib/db/schema';
import { CONTROLLED_PARTNERS, faultSummary, getControls, PARTNER_LABELS, type ControlledPartner } from './controls';

/**
 * The sandbox faults in force right now, for the mark on every ops console page (QA must not
 * forget a fault and chase a phantom bug), and the one-tap way back to normal.
 */
export interface ActiveFault {
  partner: ControlledPartner;
  label: string;
  /** `503 until cleared`, `+800 ms, 20% errors`, `2 queued one-shot faults`. */
  summary: string;
}

export async function activeFaults(db: DbOrTx): Promise<ActiveFault[]> {
  const [controls, queued] = await Promise.all([
    getControls(db),
    db
      .select({ partner: sandboxFaultQueue.partner, n: count() })
      .from(sandboxFaultQueue)
      .groupBy(sandboxFaultQueue.partner),
  ]);
  return CONTROLLED_PARTNERS.flatMap((partner) => {
    const parts = [faultSummary(controls.find((c) => c.partner === partner)!)];
    const n = Number(queued.find((q) => q.partner === partner)?.n ?? 0);
    if (n) parts.push(`${n} queued one-shot fault${n === 1 ? '' : 's'}`);
    const summary = parts.filter(Boolean).join(', ');
    return summary ? [{ partner, label: PARTNER_LABELS[partner], summary }] : [];
  });
}

/** Back to normal in one step: no forced error, no added latency or error rate, no queued faults. */
export async function clearFaults(db: DbOrTx, partner: ControlledPartner): Promise<void> {
  await db
    .update(sandboxSettings)
    .set({ forcedError: null, latencyMs: 0, errorRate: 0, updatedAt: new Date() })
    .where(eq(sandboxSettings.partner, partner));
  await db.delete(sandboxFaultQueue).where(eq(sandboxFaultQueue.partner, partner));
}
