import 'server-only';
import type { AppConfig } from '@/lib/config-schema';
import type { DbOrTx } from '@/lib/db/client';
import { blocked, clear, hit, type LimitResult } from '@/lib/security/rate-limit';
import { openSession, revokeSessionsExcept, sessionActive } from '@/lib/security/sessions';
import { recordOpsAction } from './audit';
import { readStaffSession, signStaffSession, STAFF_COOKIE, STAFF_SESSION_SECONDS } from './session-token';
import { authenticateStaff, isStaffAccount, staffAccountNames } from './staff';

/**
 * Staff sessions without Next's request APIs, so the console (lib/ops/access.ts), the JSON
 * sign-in route and the sandbox's staff-only endpoints share one set of rules: a signed cookie
 * naming an unrevoked `auth_sessions` row of a current staff account.
 */

type Config = Pick<AppConfig, 'sandbox' | 'authSecret' | 'authSecrets' | 'opsUsers'>;

export async function issueStaffCookie(db: DbOrTx, config: Config, name: string): Promise<string> {
  const sessionId = await openSession(db, 'staff', name, STAFF_SESSION_SECONDS);
  return signStaffSession(config.authSecret, name, Date.now(), sessionId);
}

export async function staffFromToken(
  db: DbOrTx,
  config: Config,
  token: string | undefined,
): Promise<{ name: string; sessionId: string } | null> {
  // Any of the secrets while AUTH_SECRET is rotated; the first one signs new sessions.
  const claims = await readStaffSession(config.authSecrets, token);
  if (!claims?.sessionId || !isStaffAccount(config, claims.name)) return null;
  if (!(await sessionActive(db, 'staff', claims.sessionId, claims.name))) return null;
  return { name: claims.name, sessionId: claims.sessionId };
}

/**
 * Revokes the session rows of names no longer in OPS_USERS. Run at start, because changing
 * OPS_USERS means a restart: without it, a name removed and later added back (say, with a new
 * password) would find its old cookies working again.
 */
export async function revokeRemovedStaffSessions(db: DbOrTx, config: Config): Promise<number> {
  return revokeSessionsExcept(db, 'staff', staffAccountNames(config));
}

/** The `ops_session` cookie of a plain Fetch request (route handlers, sandbox endpoints). */
export function staffCookieOf(req: Request): string | undefined {
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === STAFF_COOKIE) return v.join('=');
  }
  return undefined;
}

export type StaffSignIn =
  | { ok: true; name: string; token: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterS: number };

const firstRefusal = (...results: LimitResult[]) =>
  results.find((r): r is Extract<LimitResult, { ok: false }> => !r.ok) ?? null;

/**
 * Checks a staff name and password with lockout: 5 wrong passwords for a name (or 20 from one
 * address) in 15 minutes lock it for 15 minutes, without spending a password hash. Every failure
 * and every refusal is written to `ops_audit` under the name that was tried.
 */
export async function signInStaff(
  db: DbOrTx,
  config: Config,
  input: { name: string; password: string; ip: string },
): Promise<StaffSignIn> {
  const name = input.name.slice(0, 40);
  const nameKey = name.toLowerCase();
  const locked = firstRefusal(await blocked('staffSignInName', nameKey), await blocked('staffSignInIp', input.ip));
  if (locked) {
    await recordOpsAction(db, {
      actor: name,
      action: 'sign-in.locked',
      detail: { ip: input.ip, retryAfterSeconds: locked.retryAfterS },
    });
    return { ok: false, reason: 'locked', retryAfterS: locked.retryAfterS };
  }
  const staff = await authenticateStaff(config, name, input.password);
  if (!staff) {
    const counted = [await hit('staffSignInName', nameKey), await hit('staffSignInIp', input.ip)];
    const nowLocked = firstRefusal(...counted, await blocked('staffSignInName', nameKey));
    await recordOpsAction(db, {
      actor: name,
      action: 'sign-in.failed',
      detail: { ip: input.ip, ...(nowLocked ? { lockedForSeconds: nowLocked.retryAfterS } : {}) },
    });
    return nowLocked
      ? { ok: false, reason: 'locked', retryAfterS: nowLocked.retryAfterS }
      : { ok: false, reason: 'invalid' };
  }
  await clear('staffSignInName', nameKey);
  const token = await issueStaffCookie(db, config, staff);
  await recordOpsAction(db, { actor: staff, action: 'sign-in', detail: { ip: input.ip } });
  return { ok: true, name: staff, token };
}
