import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDatabaseForTests } from '@/lib/db/client';
import type { OpenDatabase } from '@/lib/db/open';
import { openSession } from '@/lib/security/sessions';
import { openTestDatabase } from '@/test/support/db';
import { findSessionCustomer, upsertFlipkartCustomer } from './customers';

// Auth.js itself is not run here (its ESM build needs Next's resolver): the configuration is.
vi.mock('next-auth', () => ({ default: () => ({}) }));
const { authConfig } = await import('./index');

/** Auth.js's sign-out event, as configured: the session row is revoked, so a kept cookie is nobody. */

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
  setDatabaseForTests(open);
});
afterAll(async () => {
  setDatabaseForTests(undefined);
  await open?.close();
});

describe('customer sign-out', () => {
  it('revokes the session row: a copy of the cookie (its sid) finds no customer afterwards', async () => {
    const c = await upsertFlipkartCustomer('IDTKN-sign-out-meera', {
      name: { first: 'Meera', last: 'Tester' },
      mobile: null,
      email: null,
    });
    const sid = await openSession(open.db, 'customer', c.id, 3600);
    const other = await openSession(open.db, 'customer', c.id, 3600);
    expect((await findSessionCustomer(sid, c.id))?.id).toBe(c.id);
    const signOut = authConfig().events?.signOut;
    expect(signOut).toBeTypeOf('function');
    await signOut!({ token: { sub: c.id, sid } });
    expect(await findSessionCustomer(sid, c.id)).toBeNull();
    // Only that session: the customer's other device stays signed in.
    expect((await findSessionCustomer(other, c.id))?.id).toBe(c.id);
  });
});
