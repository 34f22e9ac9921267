import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { orders, outboxJobs } from '@/lib/db/schema';
import { retryJob, runJobNow } from '@/lib/outbox';
import { isPartnerError } from '@/lib/partners/errors';
import { flexitiClient, type FlexitiClient } from '@/lib/partners/flexiti';
import { cancelOrder } from '../cancel/cancel';
import { PAYMENT_FAILED_BY_STAFF } from '../messages';
import { failPayment } from '../payment/outcome';
import { heldCents, reconcilePayment, settlePaying } from '../payment/reconcile';
import { isPaid, isPaymentOpen } from '../state-machine';
import type { Order } from '../transitions';
import { clearAttention } from './raise';

/**
 * What staff can do with an order on the "needs attention" list (the ops actions audit each call):
 *  - confirm: with an authorization id the customer or Flexiti gave them; the app checks it at
 *    Flexiti (listed under our order id, for the order's amount, held in full), captures it if
 *    it is only opened, then CONFIRMED with the fulfilment jobs, as a reconciliation would;
 *  - fail: PAYMENT_FAILED, then everything Flexiti holds under our order id is given back (and
 *    the late look-ups keep trying for a day if Flexiti cannot be reached now);
 *  - retry: the order's dead jobs run again, and an open payment is looked up and decided now;
 *  - refund: a paid order that cannot be delivered is cancelled and its payment returned.
 * Each ends with `attention.resolved` naming the staff member, unless it was refused.
 */

export type Resolution = 'confirm' | 'fail' | 'retry' | 'refund';
export type ResolveResult =
  | { ok: true; outcome: string }
  | {
      ok: false;
      reason:
        | 'not_found'
        | 'not_open'
        | 'not_paid'
        | 'no_account'
        | 'unknown_authorization'
        | 'amount_mismatch'
        | 'flexiti_unreachable'
        | 'not_settled'
        | 'refused';
      detail?: string;
    };

async function loadOrder(orderId: string): Promise<Order | null> {
  const db = await getDb();
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  return order ?? null;
}

async function resolved(order: Order, staff: string, action: Resolution, detail: Record<string, unknown> = {}) {
  const db = await getDb();
  const [now] = await db.select({ state: orders.state }).from(orders).where(eq(orders.id, order.id));
  await clearAttention(db, {
    orderId: order.id,
    state: now?.state ?? order.state,
    cause: 'attention.resolved',
    detail: { by: staff, action, ...detail },
  });
}

export async function confirmWithAuthorization(
  orderId: string,
  authorizationId: string,
  staff: string,
  deps: { client?: FlexitiClient } = {},
): Promise<ResolveResult> {
  const order = await loadOrder(orderId);
  if (!order) return { ok: false, reason: 'not_found' };
  if (!isPaymentOpen(order.state)) return { ok: false, reason: 'not_open', detail: order.state };
  if (!order.flexitiAccountNumber) return { ok: false, reason: 'no_account' };
  const client = deps.client ?? flexitiClient();
  const flow = { orderId, correlationId: `ops-confirm-${orderId}` };
  let listed;
  try {
    listed = await client.findAuthorizationsByReference(order.flexitiAccountNumber, orderId, flow);
  } catch (e) {
    if (!isPartnerError(e)) throw e;
    return { ok: false, reason: 'flexiti_unreachable', detail: `${e.code} (HTTP ${e.status})` };
  }
  const a = listed.find((x) => x.authorizationId === authorizationId);
  // Listed by our reference only: an id Flexiti files under another order is unknown here.
  if (!a || (a.reference !== null && a.reference !== orderId)) return { ok: false, reason: 'unknown_authorization' };
  if (a.amountCents !== order.amountCents || heldCents(a) !== order.amountCents) {
    return {
      ok: false,
      reason: 'amount_mismatch',
      detail: `Flexiti holds ${heldCents(a)} of ${a.amountCents} cents; the order is ${order.amountCents}`,
    };
  }
  const db = await getDb();
  const outcome = await settlePaying(db, order, order.flexitiAccountNumber, a, client, flow, {
    cause: 'staff.payment_confirmed',
    detail: { staff },
  });
  if (outcome.kind !== 'confirmed')
    return { ok: false, reason: 'not_settled', detail: 'reason' in outcome ? outcome.reason : outcome.kind };
  // Anything else Flexiti holds under this order is given back by the reconciliation's rules.
  await reconcilePayment(orderId, { client, correlationId: flow.correlationId }).catch(() => undefined);
  await resolved(order, staff, 'confirm', { authorizationId });
  return { ok: true, outcome: 'confirmed' };
}

export async function failAndGiveBack(orderId: string, staff: string, note: string): Promise<ResolveResult> {
  const order = await loadOrder(orderId);
  if (!order) return { ok: false, reason: 'not_found' };
  if (!isPaymentOpen(order.state)) return { ok: false, reason: 'not_open', detail: order.state };
  const db = await getDb();
  const failed = await failPayment(db, {
    orderId,
    from: order.state,
    cause: 'staff.payment_failed',
    reason: PAYMENT_FAILED_BY_STAFF,
    detail: { staff, note },
  });
  if (!failed) return { ok: false, reason: 'not_open', detail: 'the order moved meanwhile' };
  // Not open any more: whatever Flexiti holds under our order id is orphan money, given back now
  // (or by the late look-ups over the next day if Flexiti cannot be reached).
  const given = order.flexitiAccountNumber
    ? await reconcilePayment(orderId, { correlationId: `ops-fail-${orderId}` })
    : { kind: 'settled' as const, state: 'PAYMENT_FAILED' as const, orphans: 0 };
  const outcome = given.kind === 'settled' ? `failed, ${given.orphans} given back` : 'failed, give-back pending';
  await resolved(order, staff, 'fail', { note, outcome });
  return { ok: true, outcome };
}

export async function retryOrder(orderId: string, staff: string): Promise<ResolveResult> {
  const order = await loadOrder(orderId);
  if (!order) return { ok: false, reason: 'not_found' };
  const db = await getDb();
  const dead = await db
    .select({ id: outboxJobs.id })
    .from(outboxJobs)
    .where(and(eq(outboxJobs.orderId, orderId), eq(outboxJobs.status, 'dead')));
  const runs: string[] = [];
  for (const j of dead) {
    if (await retryJob(j.id))
      runs.push(`job ${j.id}: ${(await runJobNow(j.id, { workerId: `ops:${staff}` })).outcome}`);
  }
  if (isPaymentOpen(order.state)) {
    // Looked up once more and decided now: found → CONFIRMED, nothing → PAYMENT_FAILED.
    const r = await reconcilePayment(orderId, { notFoundAfter: new Date(), correlationId: `ops-retry-${orderId}` });
    runs.push(`payment: ${r.kind}${r.kind === 'undecided' ? ` (${r.reason})` : ''}`);
  }
  // Settled when the payment is decided and the jobs retried here ran through (a job that dies
  // later, e.g. a report after this confirmation, is raised again by the tick as a case of its own).
  const after = await loadOrder(orderId);
  const stillDead = dead.length
    ? await db
        .select({ id: outboxJobs.id })
        .from(outboxJobs)
        .where(
          and(
            inArray(
              outboxJobs.id,
              dead.map((j) => j.id),
            ),
            eq(outboxJobs.status, 'dead'),
          ),
        )
    : [];
  const settled = after && !isPaymentOpen(after.state) && stillDead.length === 0;
  if (!settled) return { ok: false, reason: 'not_settled', detail: runs.join('; ') || 'nothing to retry' };
  await resolved(order, staff, 'retry', { runs });
  return { ok: true, outcome: runs.join('; ') };
}

export async function refundOrder(orderId: string, staff: string): Promise<ResolveResult> {
  const order = await loadOrder(orderId);
  if (!order) return { ok: false, reason: 'not_found' };
  if (!isPaid(order.state)) return { ok: false, reason: 'not_paid', detail: order.state };
  const r = await cancelOrder(order.customerId, orderId);
  if (!r.ok) return { ok: false, reason: 'refused', detail: r.message };
  await resolved(order, staff, 'refund');
  return { ok: true, outcome: 'cancelled and refunded' };
}
