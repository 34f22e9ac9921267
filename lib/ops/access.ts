import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { revokeSession } from '@/lib/security/sessions';
import { STAFF_COOKIE, staffCookieOptions } from './session-token';
import { staffFromToken } from './staff-session';

/** The signed-in staff member's name, or null. Once per request. */
export const getStaff = cache(async (): Promise<string | null> => {
  const token = (await cookies()).get(STAFF_COOKIE)?.value;
  return (await staffFromToken(await getDb(), getConfig(), token))?.name ?? null;
});

/**
 * Every ops page and action starts here. No staff session: to the staff sign-in. A customer
 * session (and no staff one): the 403 page, which is a plain route handler outside the console,
 * so this can never loop.
 */
export async function requireStaff(returnTo = '/ops'): Promise<string> {
  const staff = await getStaff();
  if (staff) return staff;
  const customer = await auth().catch(() => null);
  if (customer?.user?.id) redirect('/ops/forbidden');
  redirect(`/ops/sign-in?next=${encodeURIComponent(returnTo)}`);
}

export async function setStaffCookie(token: string): Promise<void> {
  (await cookies()).set(STAFF_COOKIE, token, staffCookieOptions(getConfig()));
}

/** Signs out: the session row is revoked (a copy of the cookie stops working too), then the cookie goes. */
export async function endStaffSession(): Promise<void> {
  const jar = await cookies();
  const current = await staffFromToken(await getDb(), getConfig(), jar.get(STAFF_COOKIE)?.value);
  if (current) await revokeSession(await getDb(), current.sessionId);
  jar.delete(STAFF_COOKIE);
}

/** Only a path inside the console (never an open redirect). */
export function safeOpsReturnTo(value: unknown): string {
  return typeof value === 'string' &&
    /^\/ops(\/[A-Za-z0-9/_\-?=&.%]*)?$/.test(value) &&
    !value.startsWith('/ops/sign-in')
    ? value
    : '/ops';
}
