import 'server-only';
import { and, asc, eq, inArray, isNull, lte, min, type SQL } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import type { Db, DbOrTx } from '@/lib/db/client';
import { sandboxOpentvWebhookDeliveries as D, type SandboxOpentvWebhookDeliveryRow } from '@/lib/db/schema';
import { OPENTV_SIGNATURE_HEADER, signWebhook, type EntitlementEvent } from '@/lib/partners/opentv';

/**
 * OPF's call to the operator's entitlement endpoint (docs/partners/opentv.md#webhook-endpoint, #webhook-delivery): it "must return
 * HTTP 200", so anything else (or no answer) is retried with exponential backoff and jitter until
 * a 200 arrives. Deliveries are rows, so they survive restarts; a claim moves `next_attempt_at`
 * forward under `FOR UPDATE SKIP LOCKED`, so several instances never send one attempt twice.
 *
 * Who retries: the activation tries once inline; after a failure this module arms a light,
 * unref'd in-process timer for the next due time; `deliverDueWebhooks(db, now)` is exported
 * for the outbox worker to call periodically (which also covers a restart). Scheduling uses
 * real time, not the sandbox clock: it is about the network, not business time.
 */

export const WEBHOOK_PATH = '/api/webhooks/opentv';
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 10 * 60_000;
/** How long a claimed delivery is reserved for the instance sending it. */
const LEASE_MS = 60_000;
const TIMEOUT_MS = 5_000;

/** Delay after the `failedAttempts`-th failure: 2 s, 4 s, 8 s … capped at 10 min, ±20 % jitter. */
export function webhookRetryDelayMs(failedAttempts: number, random = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Records an event to send (in the caller's transaction). One row per (entitlement, status). */
export async function enqueueWebhook(db: DbOrTx, event: EntitlementEvent, now: Date): Promise<number | null> {
  const [row] = await db
    .insert(D)
    .values({
      entitlementId: event.entitlementId,
      eventStatus: event.status,
      body: JSON.stringify(event),
      nextAttemptAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: D.id });
  return row?.id ?? null;
}

type Delivery = SandboxOpentvWebhookDeliveryRow;

async function claim(db: Db, now: Date, extra: SQL | undefined, limit: number): Promise<Delivery[]> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(D)
      .where(and(isNull(D.deliveredAt), lte(D.nextAttemptAt, now), extra))
      .orderBy(asc(D.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (rows.length) {
      await tx
        .update(D)
        .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(
          inArray(
            D.id,
            rows.map((r) => r.id),
          ),
        );
    }
    return rows;
  });
}

async function send(db: Db, row: Delivery, now: Date): Promise<boolean> {
  // The store this sandbox serves: itself, or SANDBOX_STORE_URL when it runs on its own origin.
  const { sandboxStoreUrl, opentv } = getConfig();
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(`${sandboxStoreUrl}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [OPENTV_SIGNATURE_HEADER]: signWebhook(row.body, opentv.webhookSecret, new Date()),
      },
      body: row.body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = res.status;
    await res.body?.cancel();
    if (status !== 200) error = `HTTP ${status}`;
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const attempts = row.attempts + 1;
  const delivered = status === 200;
  await db
    .update(D)
    .set({
      attempts,
      lastStatus: status,
      lastError: error,
      ...(delivered
        ? { deliveredAt: new Date() }
        : { nextAttemptAt: new Date(now.getTime() + webhookRetryDelayMs(attempts)) }),
    })
    .where(eq(D.id, row.id));
  return delivered;
}

export interface DeliveryRun {
  attempted: number;
  delivered: number;
}

/** Sends every delivery due at `now` once. Safe to call from any number of instances at once. */
export async function deliverDueWebhooks(
  db: Db,
  now: Date = new Date(),
  opts: { limit?: number } = {},
): Promise<DeliveryRun> {
  const rows = await claim(db, now, undefined, opts.limit ?? 20);
  let delivered = 0;
  for (const row of rows) if (await send(db, row, now)) delivered++;
  if (delivered < rows.length) armRetryTimer(db);
  return { attempted: rows.length, delivered };
}

/** The inline first attempt for one delivery (right after the activation committed). */
export async function deliverNow(db: Db, deliveryId: number): Promise<boolean> {
  const now = new Date();
  const [row] = await claim(db, now, eq(D.id, deliveryId), 1);
  if (!row) return false;
  const ok = await send(db, row, now);
  if (!ok) armRetryTimer(db);
  return ok;
}

let timer: NodeJS.Timeout | undefined;
let timerEnabled = true;

/** Tests that drive retries themselves (with a chosen `now`) switch the in-process timer off. */
export function setWebhookRetryTimer(enabled: boolean): void {
  timerEnabled = enabled;
  if (!enabled && timer) {
    clearTimeout(timer);
    timer = undefined;
  }
}

/** One pending in-process timer for the earliest undelivered row; never keeps the process alive. */
function armRetryTimer(db: Db): void {
  if (timer || !timerEnabled) return;
  void (async () => {
    const [{ next } = { next: null }] = await db
      .select({ next: min(D.nextAttemptAt) })
      .from(D)
      .where(isNull(D.deliveredAt));
    if (!next || timer) return;
    const delay = Math.max(0, new Date(next).getTime() - Date.now()) + 50;
    timer = setTimeout(() => {
      timer = undefined;
      deliverDueWebhooks(db).catch((e: unknown) => {
        console.warn('opentv sandbox: webhook retry failed:', e instanceof Error ? e.message : e);
      });
    }, delay);
    timer.unref();
  })().catch(() => {
    // The database went away (shutdown or a test closing it): the worker picks up later.
  });
}

export async function deliveriesFor(db: DbOrTx, entitlementId: string): Promise<Delivery[]> {
  return db.select().from(D).where(eq(D.entitlementId, entitlementId)).orderBy(asc(D.id));
}
