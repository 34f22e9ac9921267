import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signStaffSession, STAFF_SESSION_SECONDS, verifyStaffSession } from './session-token';

const SECRET = 'x'.repeat(40);

describe('staff session cookie (HS256, key derived from AUTH_SECRET)', () => {
  it('round-trips the staff name while fresh, and not after it expires', async () => {
    const now = Date.UTC(2030, 0, 1);
    const token = await signStaffSession(SECRET, 'alice', now);
    expect(await verifyStaffSession(SECRET, token, now + 60_000)).toBe('alice');
    expect(await verifyStaffSession(SECRET, token, now + (STAFF_SESSION_SECONDS + 5) * 1000)).toBeNull();
  });

  it('refuses a token signed with another secret, a tampered token, or none', async () => {
    const token = await signStaffSession(SECRET, 'alice');
    expect(await verifyStaffSession('y'.repeat(40), token)).toBeNull();
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: 'mallory' }),
    ).toString('base64url');
    expect(await verifyStaffSession(SECRET, `${h}.${forged}.${s}`)).toBeNull();
    expect(await verifyStaffSession(SECRET, undefined)).toBeNull();
    expect(await verifyStaffSession(SECRET, 'not-a-jwt')).toBeNull();
  });

  it('while AUTH_SECRET is rotated a session signed with the old secret stays valid; once dropped it is not', async () => {
    const token = await signStaffSession(SECRET, 'alice');
    const next = 'n'.repeat(40);
    expect(await verifyStaffSession([next, SECRET], token)).toBe('alice');
    expect(await verifyStaffSession([next], token)).toBeNull();
  });

  it('refuses a JWT signed with the raw AUTH_SECRET (e.g. a customer token): wrong key and audience', async () => {
    const customerLike = await new SignJWT({ sub: 'customer-id' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    expect(await verifyStaffSession(SECRET, customerLike)).toBeNull();
  });
});
