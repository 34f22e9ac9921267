import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { sandboxSettings } from '@/lib/db/schema';

/**
 * The sandbox clock: real time plus an offset QA and sales can move forward (e.g. past the return
 * window to see ORDER_FULFILLED). Sandbox mode only; the offset lives in the database so every
 * instance agrees.
 */
export async function clockOffsetMs(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ offset: sandboxSettings.clockOffsetMs })
    .from(sandboxSettings)
    .where(eq(sandboxSettings.partner, 'clock'));
  return row?.offset ?? 0;
}

/** Both clocks at once: the real time and how far the sandbox clock is ahead of it. */
export async function sandboxClock(db: DbOrTx): Promise<{ realNow: number; offsetMs: number }> {
  const offsetMs = await clockOffsetMs(db);
  return { realNow: Date.now(), offsetMs };
}

export async function sandboxNow(db: DbOrTx): Promise<Date> {
  return new Date(Date.now() + (await clockOffsetMs(db)));
}

export async function advanceClock(db: DbOrTx, ms: number): Promise<number> {
  const current = await clockOffsetMs(db);
  const next = current + ms;
  await db
    .insert(sandboxSettings)
    .values({ partner: 'clock', clockOffsetMs: next })
    .onConflictDoUpdate({ target: sandboxSettings.partner, set: { clockOffsetMs: next, updatedAt: new Date() } });
  return next;
}
