import 'server-only';
import type { AppConfig } from '@/lib/config-schema';
import type { DbOrTx } from '@/lib/db/client';
import { blocked, clear, hit, refund } from '@/lib/security/rate-limit';
import { openSession, revokeSessionsExcept, sessionActive } from '@/lib/security/sessions';
import { recordOpsAction, recordRefusal } from './audit';
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

/**
 * Checks a staff name and password with lockout, counting each attempt *before* the password is
 * checked, so parallel guesses cannot all be verified before the first failure is counted:
 * - 5 attempts per name from one address in 15 minutes, then that pair is locked for 15 minutes;
 * - 25 per name from everywhere (a stranger at one address cannot lock a colleague out);
 * - 20 per address whatever the names;
 * - one check per name at a time (a lease; a parallel attempt is refused without a check).
 * Counting stops at the first refusal, so a locked address no longer spends the name's allowance.
 * A success clears the name's counts and gives the address its attempt back. Every verified
 * failure is audited (`sign-in.failed`); refusals are aggregated, one `sign-in.locked` row per
 * name and 15-minute window with a count, so a flood cannot grow the audit.
 */
export async function signInStaff(
  db: DbOrTx,
  config: Config,
  input: { name: string; password: string; ip: string },
): Promise<StaffSignIn> {
  const name = input.name.slice(0, 40);
  const nameKey = name.toLowerCase();
  const pairKey = `${nameKey}|${input.ip}`;
  const lease = await hit('staffSignInInFlight', nameKey);
  if (!lease.ok) return refuse(db, name, input.ip, 1);
  try {
    for (const [limit, key] of [
      ['staffSignInNameIp', pairKey],
      ['staffSignInIp', input.ip],
      ['staffSignInName', nameKey],
    ] as const) {
      const counted = await hit(limit, key);
      if (!counted.ok) return refuse(db, name, input.ip, counted.retryAfterS);
    }
    const staff = await authenticateStaff(config, name, input.password);
    if (!staff) {
      const nowLocked = await blocked('staffSignInNameIp', pairKey);
      await recordOpsAction(db, {
        actor: name,
        action: 'sign-in.failed',
        detail: { ip: input.ip, ...(nowLocked.ok ? {} : { lockedForSeconds: nowLocked.retryAfterS }) },
      });
      return nowLocked.ok
        ? { ok: false, reason: 'invalid' }
        : { ok: false, reason: 'locked', retryAfterS: nowLocked.retryAfterS };
    }
    await Promise.all([
      clear('staffSignInNameIp', pairKey),
      clear('staffSignInName', nameKey),
      refund('staffSignInIp', input.ip),
    ]);
    const token = await issueStaffCookie(db, config, staff);
    await recordOpsAction(db, { actor: staff, action: 'sign-in', detail: { ip: input.ip } });
    return { ok: true, name: staff, token };
  } finally {
    await clear('staffSignInInFlight', nameKey);
  }
}

async function refuse(db: DbOrTx, name: string, ip: string, retryAfterS: number): Promise<StaffSignIn> {
  await recordRefusal(db, name, ip, retryAfterS);
  return { ok: false, reason: 'locked', retryAfterS };
}
