import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '@/lib/db/schema';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { linkOpenTvAccount } from './opentv-account';

/**
 * Linking an OpenTV account needs proof that it is the customer's: OpenTV's record's signonId is
 * the customer's verified e-mail. The sandbox seeds acct-sam-0003 with sign-on sam.k@example.com
 * and acct-priya-0001 with priya.sharma@example.com.
 */

let app: TestApp;
let n = 0;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

async function customer(email: string | null, emailVerified: boolean) {
  const [c] = await app.open.db
    .insert(customers)
    .values({ identityToken: `link-test-${++n}-${Date.now()}`, email, emailVerified })
    .returning();
  return c!;
}
const linked = async (id: string) =>
  (await app.open.db.select().from(customers).where(eq(customers.id, id)))[0]!.opentvAccountId;

describe('OpenTV account linking proof', () => {
  it('links when the account’s signonId is the customer’s verified e-mail (any case)', async () => {
    const c = await customer('Sam.K@example.com', true);
    expect(await linkOpenTvAccount(c.id, 'acct-sam-0003')).toMatchObject({ ok: true, accountId: 'acct-sam-0003' });
    expect(await linked(c.id)).toBe('acct-sam-0003');
  });

  it('refuses someone else’s account with the same message as an unknown id, and links nothing', async () => {
    const c = await customer('sam.k@example.com', true);
    const other = await linkOpenTvAccount(c.id, 'acct-priya-0001');
    const unknown = await linkOpenTvAccount(c.id, 'acct-nobody-9999');
    expect(other).toEqual({ ok: false, field: 'accountId', refusal: 'cannotLink' });
    expect(unknown).toEqual(other);
    expect(await linked(c.id)).toBeNull();
  });

  it('refuses without a verified e-mail, before asking OpenTV', async () => {
    const unverified = await customer('sam.k@example.com', false);
    expect(await linkOpenTvAccount(unverified.id, 'acct-sam-0003')).toMatchObject({
      ok: false,
      refusal: 'needsVerifiedEmail',
    });
    const none = await customer(null, false);
    expect(await linkOpenTvAccount(none.id, 'acct-sam-0003')).toMatchObject({
      ok: false,
      refusal: 'needsVerifiedEmail',
    });
    expect(await linked(unverified.id)).toBeNull();
  });

  it('limits attempts per customer: the sixth in 15 minutes is refused with when to try again', async () => {
    const c = await customer('probe@example.com', true);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await linkOpenTvAccount(c.id, `acct-guess-${i}`));
    expect(answers.slice(0, 5).every((a) => !a.ok && a.refusal === 'cannotLink')).toBe(true);
    expect(answers[5]).toMatchObject({ ok: false, refusal: 'tooManyAttempts' });
    const wait = answers[5]!.ok ? 0 : answers[5]!.retryAfterS!;
    expect(wait).toBeGreaterThan(13 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
  });
});
