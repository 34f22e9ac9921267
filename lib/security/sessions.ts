import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, notInArray, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/lib/db/client';
import { afterAnswer } from '@/lib/platform/after-answer';
import { authSessions } from '@/lib/db/schema';

/**
 * Server-side session records behind the staff and customer cookies (table `auth_sessions`).
 * A cookie names its row; signing out revokes the row, so a copied cookie stops working at once.
 */
export type SessionKind = 'staff' | 'customer';

export async function openSession(db: Db, kind: SessionKind, subject: string, ttlS: number): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  const now = Date.now();
  await db.insert(authSessions).values({ id, kind, subject, expiresAt: new Date(now + ttlS * 1000) });
  // Rows long past their expiry are of no use; dropping them at each sign-in keeps the table
  // small. Housekeeping: the signing-in customer does not wait for it.
  await afterAnswer(async () => {
    await db
      .delete(authSessions)
      .where(lt(authSessions.expiresAt, new Date(now - 24 * 3600_000)))
      .catch((e: unknown) => console.warn('auth_sessions: cleanup failed:', e instanceof Error ? e.message : e));
  });
  return id;
}

/** The condition "this session row exists for this subject, is not revoked and has not expired". */
export function activeSession(kind: SessionKind, id: string, subject: string): SQL {
  return and(
    eq(authSessions.id, id),
    eq(authSessions.kind, kind),
    eq(authSessions.subject, subject),
    isNull(authSessions.revokedAt),
    gt(authSessions.expiresAt, new Date()),
  )!;
}

/** The session row exists for this subject, is not revoked and has not expired. */
export async function sessionActive(
  db: DbOrTx,
  kind: SessionKind,
  id: string | null | undefined,
  subject: string,
): Promise<boolean> {
  if (!id) return false;
  const [row] = await db
    .select({ id: authSessions.id })
    .from(authSessions)
    .where(activeSession(kind, id, subject));
  return !!row;
}

export async function revokeSession(db: DbOrTx, id: string | null | undefined): Promise<void> {
  if (!id) return;
  await db
    .update(authSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(authSessions.id, id), isNull(authSessions.revokedAt)));
}

/** Every open session of one staff member or customer (staff removal, "sign out everywhere"). */
export async function revokeSubjectSessions(db: DbOrTx, kind: SessionKind, subject: string): Promise<number> {
  const rows = await db
    .update(authSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(authSessions.kind, kind), eq(authSessions.subject, subject), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id });
  return rows.length;
}

/** Every open session of a kind whose subject is not in `keep` (all of them when `keep` is empty). */
export async function revokeSessionsExcept(db: DbOrTx, kind: SessionKind, keep: readonly string[]): Promise<number> {
  const open = and(eq(authSessions.kind, kind), isNull(authSessions.revokedAt));
  const rows = await db
    .update(authSessions)
    .set({ revokedAt: new Date() })
    .where(keep.length ? and(open, notInArray(authSessions.subject, [...keep])) : open)
    .returning({ id: authSessions.id });
  return rows.length;
}
