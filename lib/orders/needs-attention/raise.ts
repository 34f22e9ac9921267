import 'server-only';
import { and, eq, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { orders, outboxJobs, type OrderState } from '@/lib/db/schema';
import { raiseAttention } from '../attention';
import { atMostEvery } from '../jobs/at-most-every';
import { recordOrderNote } from '../transitions';
import { ATTENTION_REASONS, UNSETTLED_MARGIN_MS } from './reasons';

/**
 * The worker-tick check that hands to a person what software cannot decide, and takes back what
 * it settled meanwhile:
 *  - raised: a payment still PAYMENT_VERIFYING a minute after its not-found deadline (Flexiti
 *    could not be read), and an order with a dead outbox job (a provisioning, refund or report
 *    that failed for good). `raiseAttention` logs a warn line and notes `attention.raised`.
 *  - cleared (`attention.cleared`, by software): the payment was settled after all, or the dead
 *    job was retried from the outbox page. Staff resolutions clear it too (./resolve.ts).
 */

const BATCH = 50;
const deadJob = sql`exists (select 1 from ${outboxJobs} j where j.order_id = ${orders.id} and j.status = 'dead')`;

export async function raiseNeedsAttention(opts: { now?: Date } = {}): Promise<{ raised: string[]; cleared: string[] }> {
  const db = await getDb();
  const now = opts.now ?? new Date();
  const { notFoundAfterMs } = getConfig().payments;
  const unsettledBefore = new Date(now.getTime() - notFoundAfterMs - UNSETTLED_MARGIN_MS);
  const pick = { id: orders.id, state: orders.state };
  const [unsettled, dead] = await Promise.all([
    db
      .select(pick)
      .from(orders)
      .where(
        and(
          eq(orders.state, 'PAYMENT_VERIFYING'),
          lt(orders.updatedAt, unsettledBefore),
          isNull(orders.attentionReason),
        ),
      )
      .limit(BATCH),
    db
      .select(pick)
      .from(orders)
      .where(and(deadJob, isNull(orders.attentionReason)))
      .limit(BATCH),
  ]);
  const raised: string[] = [];
  const raise = async (o: { id: string; state: OrderState }, reason: string, detail: Record<string, unknown>) => {
    await db.transaction((tx) => raiseAttention(tx, { orderId: o.id, state: o.state, reason, detail }));
    raised.push(o.id);
  };
  for (const o of unsettled) await raise(o, ATTENTION_REASONS.paymentUnsettled, { waitingSince: 'intent' });
  for (const o of dead) {
    const jobs = await db
      .select({ id: outboxJobs.id, kind: outboxJobs.kind, lastError: outboxJobs.lastError })
      .from(outboxJobs)
      .where(and(eq(outboxJobs.orderId, o.id), eq(outboxJobs.status, 'dead')));
    await raise(o, ATTENTION_REASONS.jobDead, { jobs });
  }

  const settled = await db
    .select(pick)
    .from(orders)
    .where(
      and(
        isNotNull(orders.attentionReason),
        sql`((${orders.attentionReason} = ${ATTENTION_REASONS.paymentUnsettled} and ${ne(orders.state, 'PAYMENT_VERIFYING')})
          or (${orders.attentionReason} = ${ATTENTION_REASONS.jobDead} and not ${deadJob}))`,
      ),
    )
    .limit(BATCH);
  const cleared: string[] = [];
  for (const o of settled) {
    const done = await clearAttention(db, {
      orderId: o.id,
      state: o.state,
      cause: 'attention.cleared',
      detail: { by: 'software' },
    });
    if (done) cleared.push(o.id);
  }
  return { raised, cleared };
}

/** Takes an order off the list, with a note saying who or what settled it. False if it was not on it. */
export async function clearAttention(
  tx: DbOrTx,
  args: {
    orderId: string;
    state: OrderState;
    cause: 'attention.cleared' | 'attention.resolved';
    detail: Record<string, unknown>;
  },
): Promise<boolean> {
  const [was] = await tx.select({ reason: orders.attentionReason }).from(orders).where(eq(orders.id, args.orderId));
  const [cleared] = await tx
    .update(orders)
    .set({ attentionReason: null, attentionSince: null })
    .where(and(eq(orders.id, args.orderId), isNotNull(orders.attentionReason)))
    .returning({ id: orders.id });
  if (!cleared) return false;
  await recordOrderNote(tx, {
    orderId: args.orderId,
    state: args.state,
    cause: args.cause,
    detail: { reason: was?.reason ?? null, ...args.detail },
  });
  return true;
}

/** The worker-tick hook: at most every 10 s per process. */
export const raiseNeedsAttentionOnTick = atMostEvery('needsAttention', 10_000, () => raiseNeedsAttention());
