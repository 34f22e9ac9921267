import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { authSessions } from '@/lib/db/schema';
import { openSession, revokeSession } from '@/lib/security/sessions';
import { testDatabaseForFile } from '@/test/support/db';
import { findSessionCustomer, upsertFlipkartCustomer } from './customers';

// Auth.js itself is not run here (its ESM build needs Next's resolver): its configuration is.
vi.mock('next-auth', () => ({ default: () => ({}) }));
const { authConfig } = await import('./index');

/** The session read behind getCurrentCustomer: the customer only while their session row is good. */

const database = testDatabaseForFile();

const HOUR_S = 3600;
const profile = (first: string) => ({ name: { first, last: 'Tester' }, mobile: null, email: null });

describe('findSessionCustomer', () => {
  it('finds the customer of an open session; not after revocation, expiry, or for another customer', async () => {
    const priya = await upsertFlipkartCustomer('IDTKN-session-priya', profile('Priya'));
    const arjun = await upsertFlipkartCustomer('IDTKN-session-arjun', profile('Arjun'));
    const sid = await openSession(database().db, 'customer', priya.id, HOUR_S);

    expect((await findSessionCustomer(sid, priya.id))?.firstName).toBe('Priya');
    // The session names Priya: Arjun's id with it is nobody.
    expect(await findSessionCustomer(sid, arjun.id)).toBeNull();
    expect(await findSessionCustomer('no-such-session', priya.id)).toBeNull();
    expect(await findSessionCustomer(sid, 'not-a-customer-id')).toBeNull();

    // A staff session with the same subject is not a customer session.
    const staffSid = await openSession(database().db, 'staff', priya.id, HOUR_S);
    expect(await findSessionCustomer(staffSid, priya.id)).toBeNull();

    const expired = await openSession(database().db, 'customer', priya.id, HOUR_S);
    await database()
      .db.update(authSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authSessions.id, expired));
    expect(await findSessionCustomer(expired, priya.id)).toBeNull();

    await revokeSession(database().db, sid);
    expect(await findSessionCustomer(sid, priya.id)).toBeNull();
  });
});

describe('customer sign-out (Auth.js event, as configured)', () => {
  it('revokes the session row: a copy of the cookie (its sid) finds no customer afterwards', async () => {
    const c = await upsertFlipkartCustomer('IDTKN-sign-out-meera', {
      name: { first: 'Meera', last: 'Tester' },
      mobile: null,
      email: null,
    });
    const sid = await openSession(database().db, 'customer', c.id, 3600);
    const other = await openSession(database().db, 'customer', c.id, 3600);
    expect((await findSessionCustomer(sid, c.id))?.id).toBe(c.id);
    const signOut = authConfig().events?.signOut;
    expect(signOut).toBeTypeOf('function');
    await signOut!({ token: { sub: c.id, sid } });
    expect(await findSessionCustomer(sid, c.id)).toBeNull();
    // Only that session: the customer's other device stays signed in.
    expect((await findSessionCustomer(other, c.id))?.id).toBe(c.id);
  });
});
