import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rateLimits } from '@/lib/db/schema';
import { testDatabaseForFile } from '@/test/support/db';
import { hit, hitInTurn } from './rate-limit';

/**
 * `hitInTurn`: two limits counted in one statement (the sign-in's per-address limit, then the
 * store's budget), exactly as two `hit`s in a row would count them, under parallel attempts too.
 */

const database = testDatabaseForFile();
const db = () => database().db;

const points = async (key: string) =>
  (await db().select().from(rateLimits).where(eq(rateLimits.key, key)))[0]?.points ?? 0;

let n = 0;
/** Limits of their own per test: nothing carries over between tests. */
function limits(addressPoints: number, budgetPoints: number) {
  n++;
  return {
    address: { name: `testAddress${n}`, points: addressPoints, duration: 60 },
    budget: { name: `testBudget${n}`, points: budgetPoints, duration: 60 },
  };
}
const attempt = (l: ReturnType<typeof limits>, address: string) =>
  hitInTurn({ limit: l.address, key: address }, { limit: l.budget, key: 'store' });

describe('hitInTurn', () => {
  it('counts both limits; once the first refuses, the second is not spent', async () => {
    const l = limits(3, 100);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await attempt(l, '203.0.113.1'));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    expect(results[0]).toEqual({ ok: true, remaining: 2 });
    const refused = results[3]!;
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.retryAfterS).toBeGreaterThan(0);
    expect(refused.retryAfterS).toBeLessThanOrEqual(60);
    expect(await points(`${l.address.name}:203.0.113.1`)).toBe(5);
    // The budget counted the three allowed attempts only.
    expect(await points(`${l.budget.name}:store`)).toBe(3);
  });

  it('the second limit refuses once spent, whatever the address', async () => {
    const l = limits(100, 4);
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await attempt(l, `198.51.100.${i}`)).ok);
    expect(results).toEqual([true, true, true, true, false, false]);
  });

  it('a window that has expired starts again from one', async () => {
    const l = limits(2, 100);
    await attempt(l, '203.0.113.2');
    await attempt(l, '203.0.113.2');
    expect((await attempt(l, '203.0.113.2')).ok).toBe(false);
    await db()
      .update(rateLimits)
      .set({ expire: new Date(Date.now() - 1000) })
      .where(eq(rateLimits.key, `${l.address.name}:203.0.113.2`));
    expect(await attempt(l, '203.0.113.2')).toEqual({ ok: true, remaining: 1 });
    expect(await points(`${l.address.name}:203.0.113.2`)).toBe(1);
  });

  it('parallel attempts: exactly the allowance passes, and the budget counts only those', async () => {
    const l = limits(10, 1000);
    const results = await Promise.all(Array.from({ length: 30 }, () => attempt(l, '203.0.113.3')));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(await points(`${l.budget.name}:store`)).toBe(10);

    const spread = limits(1000, 12);
    const many = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(spread, `100.64.1.${i}`)));
    expect(many.filter((r) => r.ok)).toHaveLength(12);
  });

  it('shares its rows with `hit`: the same key and window', async () => {
    const l = limits(3, 100);
    await hit(l.address, '203.0.113.4');
    await hit(l.address, '203.0.113.4');
    expect(await attempt(l, '203.0.113.4')).toEqual({ ok: true, remaining: 0 });
    expect((await hit(l.address, '203.0.113.4')).ok).toBe(false);
  });
});
