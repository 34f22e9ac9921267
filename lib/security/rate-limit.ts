import 'server-only';
import { sql } from 'drizzle-orm';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { problem } from '@/lib/api/problem';
import { getDb, type Db } from '@/lib/db/client';
import { getConfig } from '@/lib/config';
import { rateLimits } from '@/lib/db/schema';
import { addressFrom } from './client-address';

/**
 * Rate limits, with rate-limiter-flexible's RateLimiterDrizzle on the app's own database: the
 * counters live in `rate_limits`, so every instance on one PostgreSQL shares them, and the demo's
 * PGlite (one process by construction) needs no other store. One code path for both, and no
 * extra service to run.
 */

export interface LimitSpec {
  /** Attempts allowed per window. */
  points: number;
  /** Window, seconds. */
  duration: number;
  /** Once the window's attempts are spent, refuse for this long (seconds; default: rest of window). */
  blockDuration?: number;
}

export const LIMITS = {
  /**
   * Staff sign-in attempts per name from one address: then that name is locked there for 15
   * minutes. Counted before the password is checked (lib/ops/staff-session.ts).
   */
  staffSignInNameIp: { points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
  /**
   * Attempts per staff name from everywhere: higher, so a stranger at one address cannot lock a
   * colleague out (it takes five addresses spending their own 5 each).
   */
  staffSignInName: { points: 25, duration: 15 * 60, blockDuration: 15 * 60 },
  /** Staff sign-in attempts per client address (many names from one place). */
  staffSignInIp: { points: 20, duration: 15 * 60, blockDuration: 15 * 60 },
  /** One staff sign-in per name in flight: a lease, given back when the check ends. */
  staffSignInInFlight: { points: 1, duration: 30 },
  /** Checkout starts per customer (each is a Flexiti widget/init and an order row). */
  checkoutStart: { points: 30, duration: 10 * 60 },
  /** OpenTV account-link attempts per customer (each is an admin lookup at OpenTV). */
  accountLink: { points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
  /** Webhook deliveries per client address. */
  webhook: { points: 300, duration: 60 },
  /** Sandbox grant mints per client address (the consent sheet). */
  sandboxGrant: { points: 60, duration: 60 },
} satisfies Record<string, LimitSpec>;

export type LimitName = keyof typeof LIMITS;

export type LimitResult = { ok: true; remaining: number } | { ok: false; retryAfterS: number };

const limiters = new WeakMap<Db, Map<string, RateLimiterDrizzle>>();

/** A limit whose size comes from configuration (the sign-in limits), counted under its own prefix. */
export interface ConfiguredLimit extends LimitSpec {
  name: string;
}

async function limiter(name: LimitName | ConfiguredLimit): Promise<RateLimiterDrizzle> {
  const db = await getDb();
  let byName = limiters.get(db);
  if (!byName) limiters.set(db, (byName = new Map()));
  const spec: LimitSpec = typeof name === 'string' ? LIMITS[name] : name;
  const prefix = typeof name === 'string' ? name : name.name;
  const id = `${prefix}:${spec.points}:${spec.duration}:${spec.blockDuration ?? 0}`;
  let l = byName.get(id);
  if (!l) {
    l = new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      keyPrefix: prefix,
      points: spec.points,
      duration: spec.duration,
      blockDuration: spec.blockDuration ?? 0,
      // Expired rows are replaced on the next hit; no background timer in every process.
      clearExpiredByTimeout: false,
    });
    byName.set(id, l);
  }
  return l;
}

const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Counts one attempt; refused once the window's attempts are spent. */
export async function hit(name: LimitName | ConfiguredLimit, key: string): Promise<LimitResult> {
  try {
    const res = await (await limiter(name)).consume(key, 1);
    return { ok: true, remaining: res.remainingPoints };
  } catch (e) {
    if (e instanceof RateLimiterRes) return { ok: false, retryAfterS: retryAfter(e) };
    throw e;
  }
}

/**
 * One attempt counted against two limits in turn, in one statement (the sign-in's per-address limit,
 * then the store's budget): the second is counted only when the first allows the attempt, as two
 * `hit`s in a row would, with one round trip instead of two. The same rows, keys and windows as
 * `hit` (rate-limiter-flexible's `prefix:key`, its upsert: a count that starts again once its
 * window has expired), so the two can be mixed; each row is one atomic upsert, so parallel
 * attempts are counted exactly.
 */
export async function hitInTurn(
  first: { limit: ConfiguredLimit; key: string },
  second: { limit: ConfiguredLimit; key: string },
): Promise<LimitResult> {
  const db = await getDb();
  const now = new Date();
  const counted = (name: string, l: ConfiguredLimit, key: string) => {
    const expire = new Date(now.getTime() + l.duration * 1000);
    const expired = sql`${rateLimits.expire} <= ${now.toISOString()}::timestamptz`;
    return {
      row: { key: `${l.name}:${key}`, points: 1, expire },
      set: {
        points: sql`case when ${expired} then 1 else ${rateLimits.points} + 1 end`,
        expire: sql`case when ${expired} then ${expire.toISOString()}::timestamptz else ${rateLimits.expire} end`,
      },
      name,
    };
  };
  const a = counted('first_limit', first.limit, first.key);
  const b = counted('second_limit', second.limit, second.key);
  const firstHit = db
    .$with(a.name)
    .as(
      db
        .insert(rateLimits)
        .values(a.row)
        .onConflictDoUpdate({ target: rateLimits.key, set: a.set })
        .returning({ points: rateLimits.points, expire: rateLimits.expire }),
    );
  const secondHit = db.$with(b.name).as(
    db
      .insert(rateLimits)
      .select(
        db
          .select({
            key: sql<string>`${b.row.key}::text`.as('key'),
            points: sql<number>`1`.as('points'),
            expire: sql<Date>`${b.row.expire.toISOString()}::timestamptz`.as('expire'),
          })
          .from(firstHit)
          .where(sql`${firstHit.points} <= ${first.limit.points}`),
      )
      .onConflictDoUpdate({ target: rateLimits.key, set: b.set })
      .returning({ points: rateLimits.points, expire: rateLimits.expire }),
  );
  const [row] = await db
    .with(firstHit, secondHit)
    .select({
      firstPoints: firstHit.points,
      firstExpire: firstHit.expire,
      secondPoints: secondHit.points,
      secondExpire: secondHit.expire,
    })
    .from(firstHit)
    .leftJoin(secondHit, sql`true`);
  if (!row) throw new Error('rate limit upsert returned no row');
  const refused = (expire: Date | null) => ({
    ok: false as const,
    retryAfterS: Math.max(1, Math.ceil(((expire ? new Date(expire).getTime() : 0) - Date.now()) / 1000)),
  });
  if (row.firstPoints > first.limit.points) return refused(row.firstExpire);
  if (row.secondPoints == null) throw new Error('rate limit: the second count is missing');
  if (row.secondPoints > second.limit.points) return refused(row.secondExpire);
  return {
    ok: true,
    remaining: Math.min(first.limit.points - row.firstPoints, second.limit.points - row.secondPoints),
  };
}

/** Whether `key` is refused now, without counting an attempt (checked before costly work). */
export async function blocked(name: LimitName, key: string): Promise<LimitResult> {
  const res = await (await limiter(name)).get(key);
  if (res && res.consumedPoints >= LIMITS[name].points && res.msBeforeNext > 0)
    return { ok: false, retryAfterS: retryAfter(res) };
  return { ok: true, remaining: res ? Math.max(0, LIMITS[name].points - res.consumedPoints) : LIMITS[name].points };
}

/** Forget a key's count (a successful sign-in clears the name's failures). */
export async function clear(name: LimitName, key: string): Promise<void> {
  await (await limiter(name)).delete(key);
}

/** Give back one counted attempt (a success should not spend an address's allowance). */
export async function refund(name: LimitName, key: string): Promise<void> {
  await (await limiter(name)).reward(key, 1);
}

/** "try again in N minutes", rounded up. */
export function minutesText(retryAfterS: number): string {
  const m = Math.max(1, Math.ceil(retryAfterS / 60));
  return m === 1 ? '1 minute' : `${m} minutes`;
}

/** The JSON 429 a route handler answers, with Retry-After. */
export function tooManyRequests(retryAfterS: number, message = 'Too many requests.'): Response {
  return problem('rate_limited', message, {
    extra: { retryAfterSeconds: retryAfterS },
    headers: { 'retry-after': String(retryAfterS) },
  });
}

/**
 * The client's address as our own proxies saw it (TRUSTED_PROXIES, lib/security/client-address.ts),
 * without a port, else the shared `unknown` bucket. Per-name limits do not depend on it.
 */
export function clientAddress(headers: Headers): string {
  return addressFrom(headers, getConfig().trustedProxies);
}
