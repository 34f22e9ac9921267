import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/lib/db/client';
import {
  sandboxSettings,
  sandboxUltraOmsEvents,
  sandboxUltraOmsRateBuckets,
  sandboxUltraOmsSettings,
} from '@/lib/db/schema';
import type { OmsAcceptedEvent, OmsState } from './oms-rules';
import type { SandboxUltraOmsSettingsRow } from '@/lib/db/schema';

/** The OMS sandbox's state: accepted events, switches, rate buckets, forced faults (all in the DB). */

export const OMS_SETTINGS_ID = 'default';
/** The `sandbox_settings` row holding the OMS sandbox's latency, error rate and forced fault. */
export const OMS_FAULT_PARTNER = 'oms';

export type OmsSandboxSettings = SandboxUltraOmsSettingsRow;

export async function seedOmsSandbox(db: Db): Promise<void> {
  await db.insert(sandboxUltraOmsSettings).values({ id: OMS_SETTINGS_ID }).onConflictDoNothing();
  await db.insert(sandboxSettings).values({ partner: OMS_FAULT_PARTNER }).onConflictDoNothing();
}

export async function getOmsSettings(db: DbOrTx): Promise<OmsSandboxSettings> {
  const [row] = await db.select().from(sandboxUltraOmsSettings).where(eq(sandboxUltraOmsSettings.id, OMS_SETTINGS_ID));
  return (
    row ?? {
      id: OMS_SETTINGS_ID,
      rateCapacity: 100,
      rateRefillPerMinute: 600,
      requireSub: false,
      maxWindowS: 1000,
      updatedAt: new Date(),
    }
  );
}

export async function updateOmsSettings(
  db: DbOrTx,
  patch: Partial<Pick<OmsSandboxSettings, 'rateCapacity' | 'rateRefillPerMinute' | 'requireSub' | 'maxWindowS'>>,
): Promise<OmsSandboxSettings> {
  await db
    .insert(sandboxUltraOmsSettings)
    .values({ id: OMS_SETTINGS_ID, ...patch })
    .onConflictDoUpdate({ target: sandboxUltraOmsSettings.id, set: { ...patch, updatedAt: new Date() } });
  // A new limit starts from a full bucket, so QA sees its effect from the next call on.
  if (patch.rateCapacity !== undefined || patch.rateRefillPerMinute !== undefined) {
    await db.delete(sandboxUltraOmsRateBuckets);
  }
  return getOmsSettings(db);
}

/**
 * Takes one token from the client's bucket (docs/partners/ultra.md#oms-rate-limit: rate limiting is per client).
 * One atomic UPDATE, so concurrent requests on any number of instances cannot overspend it.
 */
export async function takeRateToken(db: DbOrTx, clientId: string, settings: OmsSandboxSettings, nowMs = Date.now()) {
  const capacity = settings.rateCapacity;
  const perMs = settings.rateRefillPerMinute / 60_000;
  await db
    .insert(sandboxUltraOmsRateBuckets)
    .values({ clientId, tokens: capacity, refilledMs: nowMs })
    .onConflictDoNothing();
  const available = sql`least(${capacity}::double precision, ${sandboxUltraOmsRateBuckets.tokens} + greatest(0, ${nowMs}::bigint - ${sandboxUltraOmsRateBuckets.refilledMs}) * ${perMs}::double precision)`;
  const taken = await db
    .update(sandboxUltraOmsRateBuckets)
    .set({ tokens: sql`${available} - 1`, refilledMs: nowMs })
    .where(and(eq(sandboxUltraOmsRateBuckets.clientId, clientId), sql`${available} >= 1`))
    .returning({ tokens: sandboxUltraOmsRateBuckets.tokens });
  return taken.length > 0;
}

export interface ForcedFault {
  status: number;
  body: unknown;
  /** Sandbox extension: accept the event first, then answer with the fault (a lost response). */
  afterAccept: boolean;
}

type StoredFault = { status: number; body: unknown; times?: number; afterAccept?: boolean } | null;

/** Takes one use of the forced fault, if any (`times` counts down; the row is cleared at 0). */
export async function takeForcedFault(db: Db): Promise<ForcedFault | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ fault: sandboxSettings.forcedError })
      .from(sandboxSettings)
      .where(eq(sandboxSettings.partner, OMS_FAULT_PARTNER))
      .for('update');
    const fault = (row?.fault ?? null) as StoredFault;
    if (!fault) return null;
    const times = fault.times ?? 1;
    const next = times > 1 ? { ...fault, times: times - 1 } : null;
    await tx
      .update(sandboxSettings)
      .set({ forcedError: next, updatedAt: new Date() })
      .where(eq(sandboxSettings.partner, OMS_FAULT_PARTNER));
    return { status: fault.status, body: fault.body ?? null, afterAccept: fault.afterAccept === true };
  });
}

export async function setForcedFault(
  db: DbOrTx,
  fault: { status: number; body?: unknown; times: number; afterAccept?: boolean } | null,
): Promise<void> {
  const value = fault
    ? { status: fault.status, body: fault.body ?? null, times: fault.times, afterAccept: fault.afterAccept ?? false }
    : null;
  await db
    .insert(sandboxSettings)
    .values({ partner: OMS_FAULT_PARTNER, forcedError: value })
    .onConflictDoUpdate({ target: sandboxSettings.partner, set: { forcedError: value, updatedAt: new Date() } });
}

export async function getFaultControls(db: DbOrTx) {
  const [row] = await db.select().from(sandboxSettings).where(eq(sandboxSettings.partner, OMS_FAULT_PARTNER));
  return {
    latencyMs: row?.latencyMs ?? 0,
    errorRatePct: row?.errorRate ?? 0,
    forcedError: (row?.forcedError ?? null) as StoredFault,
  };
}

export async function acceptedStates(db: DbOrTx, clientId: string, orderId: string): Promise<OmsState[]> {
  const rows = await db
    .select({ state: sandboxUltraOmsEvents.orderState })
    .from(sandboxUltraOmsEvents)
    .where(and(eq(sandboxUltraOmsEvents.clientId, clientId), eq(sandboxUltraOmsEvents.orderId, orderId)))
    .orderBy(asc(sandboxUltraOmsEvents.id));
  return rows.map((r) => r.state);
}

function isUniqueViolation(e: unknown): boolean {
  for (let c: unknown = e; c && typeof c === 'object'; c = (c as { cause?: unknown }).cause) {
    if ((c as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/**
 * Inserts an accepted event. `false` when a concurrent request got there first (a unique index
 * caught it): the caller re-reads the order and answers 23 or 24.
 */
export async function insertEvent(
  db: DbOrTx,
  clientId: string,
  event: OmsAcceptedEvent,
  receivedAt: Date,
): Promise<boolean> {
  try {
    await db.insert(sandboxUltraOmsEvents).values({ clientId, ...event, receivedAt });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

export interface MyOrdersEntry {
  clientId: string;
  orderId: string;
  description: string;
  identityToken: string;
  currentState: OmsState;
  forwardTransaction: number;
  reverseTransaction: number;
  orderTimestampMs: number;
  lastFulfillmentDateMs: number;
  metadata: Record<string, string> | null;
  history: {
    orderState: OmsState;
    receivedAt: string;
    orderUpdatedTimestampMs: number;
    forwardTransaction: number;
    reverseTransaction: number;
  }[];
}

/** What Flipkart's My Orders would show (docs/partners/ultra.md#my-orders): one entry per order, newest first, with history. */
export async function listOmsOrders(db: DbOrTx, filter: { identityToken?: string; orderId?: string } = {}) {
  const conditions = [];
  if (filter.identityToken) conditions.push(eq(sandboxUltraOmsEvents.identityToken, filter.identityToken));
  if (filter.orderId) conditions.push(eq(sandboxUltraOmsEvents.orderId, filter.orderId));
  const rows = await db
    .select()
    .from(sandboxUltraOmsEvents)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(sandboxUltraOmsEvents.id));
  const byOrder = new Map<string, MyOrdersEntry>();
  for (const r of rows) {
    const key = `${r.clientId}\u0000${r.orderId}`;
    const step = {
      orderState: r.orderState,
      receivedAt: r.receivedAt.toISOString(),
      orderUpdatedTimestampMs: r.orderUpdatedTimestampMs,
      forwardTransaction: r.forwardTransaction,
      reverseTransaction: r.reverseTransaction,
    };
    const entry = byOrder.get(key);
    if (!entry) {
      byOrder.set(key, {
        clientId: r.clientId,
        orderId: r.orderId,
        description: r.description,
        identityToken: r.identityToken,
        currentState: r.orderState,
        forwardTransaction: r.forwardTransaction,
        reverseTransaction: r.reverseTransaction,
        orderTimestampMs: r.orderTimestampMs,
        lastFulfillmentDateMs: r.lastFulfillmentDateMs,
        metadata: r.orderMetadata ?? null,
        history: [step],
      });
    } else {
      // The latest accepted event carries what My Orders shows now (description, amounts).
      Object.assign(entry, {
        description: r.description,
        currentState: r.orderState,
        forwardTransaction: r.forwardTransaction,
        reverseTransaction: r.reverseTransaction,
        lastFulfillmentDateMs: r.lastFulfillmentDateMs,
        metadata: r.orderMetadata ?? entry.metadata,
      });
      entry.history.push(step);
    }
  }
  return [...byOrder.values()].reverse();
}
