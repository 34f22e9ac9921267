import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { orders } from '@/lib/db/schema';
import { platformNow } from '@/lib/platform/clock';
import { entitlementIdForOrder, openTvClient } from '@/lib/partners/opentv';
import { redactLogText } from '@/lib/security/redact';
import { PAID_STATES } from '../state-machine';
import { recordOrderNote, transitionOrder, type Order } from '../transitions';

const ENDED = new Set<string>(['CANCELLED', 'REVOKED']);

/**
 * The one transition for an entitlement status we learnt from OpenTV, from the webhook (fast
 * path) or the status poll (for an OpenTV that never calls us). The caller holds the order row
 * locked (`for update`). Rules: an ended entitlement (CANCELLED, REVOKED) is never revived by a
 * late ACTIVE; ACTIVE moves a CONFIRMED order to ACTIVE; a terminal order keeps its state and
 * records the status; anything but PENDING ends the activation link.
 */
export async function applyEntitlementStatus(
  tx: DbOrTx,
  order: Order,
  args: { entitlementId: string; status: string; cause: string; detail: Record<string, unknown> },
): Promise<Order['state']> {
  const ended = !!order.entitlementStatus && ENDED.has(order.entitlementStatus);
  const status = ended && !ENDED.has(args.status) ? order.entitlementStatus! : args.status;
  await tx
    .update(orders)
    .set({
      entitlementId: args.entitlementId,
      entitlementStatus: status,
      ...(args.status !== 'PENDING' ? { activationUrl: null } : {}),
      // The plan's period and the refund policy count from the first activation
      // (docs/refund-policy.md), on the clock the return window uses.
      ...(status === 'ACTIVE' && !order.activatedAt ? { activatedAt: await platformNow(tx) } : {}),
      updatedAt: new Date(),
    })
    .where(eq(orders.id, order.id));
  if (status === 'ACTIVE' && order.state === 'CONFIRMED') {
    await transitionOrder(tx, {
      orderId: order.id,
      from: 'CONFIRMED',
      to: 'ACTIVE',
      cause: args.cause,
      detail: args.detail,
    });
    return 'ACTIVE';
  }
  const cause = ended && status !== args.status ? 'opentv.late_status_ignored' : 'opentv.entitlement_event';
  await recordOrderNote(tx, { orderId: order.id, state: order.state, cause, detail: args.detail });
  return order.state;
}

const POLL_BATCH = 50;

/**
 * Reads back from OpenTV every entitlement still PENDING on a paid order and applies a changed
 * status with `applyEntitlementStatus`, idempotently (compared under the row lock, so the
 * webhook or another instance having applied it first makes this a no-op). Returns the orders
 * whose status changed.
 */
export async function pollPendingEntitlements(): Promise<string[]> {
  const db = await getDb();
  const pending = await db
    .select({ id: orders.id, entitlementId: orders.entitlementId })
    .from(orders)
    .where(and(eq(orders.entitlementStatus, 'PENDING'), inArray(orders.state, [...PAID_STATES])))
    .orderBy(asc(orders.updatedAt))
    .limit(POLL_BATCH);
  const changed: string[] = [];
  for (const p of pending) {
    const entitlementId = p.entitlementId ?? entitlementIdForOrder(p.id);
    let found;
    try {
      found = await openTvClient().getEntitlement(entitlementId, { orderId: p.id });
    } catch (e) {
      console.error(`entitlement poll: ${entitlementId}: ${redactLogText(e instanceof Error ? e.message : String(e))}`);
      continue; // the next poll tries again
    }
    if (!found || found.status === 'PENDING') continue;
    const applied = await db.transaction(async (tx) => {
      const [order] = await tx.select().from(orders).where(eq(orders.id, p.id)).for('update');
      if (!order || order.entitlementStatus !== 'PENDING') return false;
      await applyEntitlementStatus(tx, order, {
        entitlementId,
        status: found.status,
        cause: 'opentv.activated_seen_by_poll',
        detail: { entitlementId, status: found.status, source: 'poll', modifiedAt: found.modifiedAt },
      });
      return true;
    });
    if (applied) changed.push(p.id);
  }
  return changed;
}

const g = globalThis as unknown as { __entitlementPollAt?: number };

/** The worker-tick hook: polls at most every ENTITLEMENT_POLL_SECONDS per process. */
export async function pollPendingEntitlementsOnTick(): Promise<void> {
  if (Date.now() - (g.__entitlementPollAt ?? 0) < getConfig().entitlementPollMs) return;
  g.__entitlementPollAt = Date.now();
  await pollPendingEntitlements();
}
