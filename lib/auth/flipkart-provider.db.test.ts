import { eq, like } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getConfig, resetConfigForTests } from '@/lib/config';
import { customers, integrationCalls, rateLimits } from '@/lib/db/schema';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { FlipkartSignInError, RateLimitedSignIn } from './errors';
import { authorizeFlipkart as authorize } from './flipkart-provider';

/** The Flipkart provider's authorize(): exchange → scopes → customer upsert, and its failure codes. */

/** Each call from its own address, so these tests stay under the per-address sign-in limit. */
let lastAddress = 0;
const authorizeFlipkart = (raw: unknown, address = `198.18.${Math.floor(++lastAddress / 250)}.${lastAddress % 250}`) =>
  authorize(raw, address);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());
afterEach(() => {
  delete process.env.ULTRA_PLATFORM_URL;
  resetConfigForTests();
});

async function grant(personaId: string, scopes: Record<string, boolean>): Promise<string> {
  const res = await fetch(`${app.url}/sandbox/ultra/platform/sandbox/grants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: getConfig().ultra.clientId, personaId, scopes }),
  });
  return ((await res.json()) as { grantToken: string }).grantToken;
}
const ALL = { 'user.mobile': true, 'user.email': true, 'user.name': true };

async function failureCode(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FlipkartSignInError);
  return (e as FlipkartSignInError).code;
}

describe.each(['bare', 'envelope'])('authorizeFlipkart, Flipkart answering %s', (style) => {
  // The variable tests and CI use (SANDBOX_ULTRA_STYLE); the ops page setting is tested with the client.
  beforeAll(() => {
    process.env.SANDBOX_ULTRA_STYLE = style;
    resetConfigForTests();
  });
  afterAll(() => {
    delete process.env.SANDBOX_ULTRA_STYLE;
    resetConfigForTests();
  });

  it('creates the customer from the identity token and the shared profile; the user is only our id', async () => {
    const user = await authorizeFlipkart({ grantToken: await grant('arjun', ALL) });
    expect(Object.keys(user)).toEqual(['id']);
    const [row] = await app.open.db.select().from(customers).where(eq(customers.id, user.id));
    expect(row).toMatchObject({
      identityToken: expect.stringMatching(/^IDTKN/),
      firstName: 'Arjun',
      lastName: 'Mehta',
      email: 'arjun.mehta@example.com',
      emailVerified: false,
      mobile: '9123456780',
      mobileVerified: true,
      grantedScopes: ['user.mobile', 'user.email', 'user.name'],
    });
    expect(row?.lastSignInAt).toBeInstanceOf(Date);
  });

  it('signing in again updates the same customer; a scope not shared this time is cleared', async () => {
    const first = await authorizeFlipkart({ grantToken: await grant('kavya', ALL) });
    const again = await authorizeFlipkart({ grantToken: await grant('kavya', { ...ALL, 'user.email': false }) });
    expect(again.id).toBe(first.id);
    const [row] = await app.open.db.select().from(customers).where(eq(customers.id, first.id));
    expect(row).toMatchObject({
      firstName: 'Kavya',
      email: null,
      emailVerified: false,
      grantedScopes: ['user.mobile', 'user.name'],
    });
  });

  it('a persona with no name on file signs in with a null first name', async () => {
    const user = await authorizeFlipkart({ grantToken: await grant('sam', ALL) });
    const [row] = await app.open.db.select().from(customers).where(eq(customers.id, user.id));
    expect(row).toMatchObject({ firstName: null, lastName: null, email: 'sam.k@example.com' });
  });

  it('both partner calls of one sign-in share one correlation id in the call log, which shows the answer style', async () => {
    await authorizeFlipkart({ grantToken: await grant('priya', ALL) });
    const rows = await app.open.db.select().from(integrationCalls);
    const last = rows.slice(-2);
    expect(last.map((r) => r.operation)).toEqual(['exchangeGrant', 'fetchResources']);
    expect(last[0]?.correlationId).toBe(last[1]?.correlationId);
    for (const row of last) expect(Object.keys(row.response as object).includes('STATUS')).toBe(style === 'envelope');
  });

  it('a reused grant fails with code bad_grant', async () => {
    const token = await grant('priya', ALL);
    await authorizeFlipkart({ grantToken: token });
    expect(await failureCode(authorizeFlipkart({ grantToken: token }))).toBe('bad_grant');
  });

  it('Flipkart not answering fails with code partner_down', async () => {
    process.env.ULTRA_PLATFORM_URL = 'http://127.0.0.1:9';
    resetConfigForTests();
    expect(await failureCode(authorizeFlipkart({ grantToken: 'GTwhatever-token' }))).toBe('partner_down');
  });

  it('a missing or malformed grant token fails with code invalid_request before any partner call', async () => {
    const before = (await app.open.db.select().from(integrationCalls)).length;
    expect(await failureCode(authorizeFlipkart({}))).toBe('invalid_request');
    expect(await failureCode(authorizeFlipkart({ grantToken: 'x' }))).toBe('invalid_request');
    expect((await app.open.db.select().from(integrationCalls)).length).toBe(before);
  });
});

describe('sign-in limits, before any call to Flipkart', () => {
  const exchanges = async () =>
    (await app.open.db.select().from(integrationCalls)).filter((r) => r.operation === 'exchangeGrant').length;
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'signed-in',
      (e: unknown) => (e instanceof RateLimitedSignIn ? `limited:${e.retryAfterS}` : 'refused-by-flipkart'),
    );

  it('one address: the 11th sign-in in a minute is refused with when to retry, and Flipkart saw 10', async () => {
    // The production default (the sandbox's own default is higher: e2e signs in from one address).
    process.env.SIGN_IN_PER_ADDRESS_PER_MINUTE = '10';
    resetConfigForTests();
    const before = await exchanges();
    const results: string[] = [];
    for (let i = 0; i < 15; i++)
      results.push(await outcome(authorize({ grantToken: `GTflood-${i}-xxxx` }, '203.0.113.9')));
    const firstLimited = results.findIndex((r) => r.startsWith('limited')) + 1;
    console.log(
      `per-address sign-in limit starts at request ${firstLimited}; Flipkart exchanges ${(await exchanges()) - before} for 15 requests`,
    );
    expect(firstLimited).toBe(11);
    expect(results.slice(0, 10).every((r) => r === 'refused-by-flipkart')).toBe(true);
    for (const r of results.slice(10)) expect(Number(r.split(':')[1])).toBeGreaterThan(0);
    expect((await exchanges()) - before).toBe(10);
    // Another address is not affected.
    expect(await outcome(authorize({ grantToken: await grant('arjun', ALL) }, '203.0.113.10'))).toBe('signed-in');
    delete process.env.SIGN_IN_PER_ADDRESS_PER_MINUTE;
    resetConfigForTests();
  });

  it('many addresses: the store-wide budget caps the calls to Flipkart per minute', async () => {
    process.env.SIGN_IN_BUDGET_PER_MINUTE = '20';
    resetConfigForTests();
    try {
      // A fresh budget for this test: the earlier tests spent from it.
      await app.open.db.delete(rateLimits).where(like(rateLimits.key, 'signInBudget%'));
      const before = await exchanges();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => outcome(authorize({ grantToken: `GTspread-${i}-xxxx` }, `100.64.0.${i}`))),
      );
      const limited = results.filter((r) => r.startsWith('limited')).length;
      const calls = (await exchanges()) - before;
      console.log(
        `store budget 20/min: 40 sign-ins from 40 addresses, ${limited} refused, Flipkart exchanges ${calls}`,
      );
      expect(calls).toBe(20);
      expect(limited).toBe(20);
    } finally {
      delete process.env.SIGN_IN_BUDGET_PER_MINUTE;
      resetConfigForTests();
    }
  });
});
