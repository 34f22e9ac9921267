import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { parseOpsUsers } from './ops-users';
import { DEMO_STAFF_NAME } from './staff';
import { signStaffSession, STAFF_COOKIE, STAFF_SESSION_SECONDS, verifyStaffSession } from './session-token';

/** Still a staff account now (an entry removed from OPS_USERS ends its sessions at once). */
function stillStaff(name: string): boolean {
  const config = getConfig();
  if (config.sandbox && name === DEMO_STAFF_NAME) return true;
  const parsed = parseOpsUsers(config.opsUsers);
  return parsed.ok && parsed.users.some((u) => u.name === name);
}

/** The signed-in staff member's name, or null. Once per request. */
export const getStaff = cache(async (): Promise<string | null> => {
  const token = (await cookies()).get(STAFF_COOKIE)?.value;
  const name = await verifyStaffSession(getConfig().authSecrets, token);
  return name && stillStaff(name) ? name : null;
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

export async function startStaffSession(name: string): Promise<void> {
  const config = getConfig();
  (await cookies()).set(STAFF_COOKIE, await signStaffSession(config.authSecret, name), {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.appUrl.startsWith('https://'),
    path: '/',
    maxAge: STAFF_SESSION_SECONDS,
  });
}

export async function endStaffSession(): Promise<void> {
  (await cookies()).delete(STAFF_COOKIE);
}

/** Only a path inside the console (never an open redirect). */
export function safeOpsReturnTo(value: unknown): string {
  return typeof value === 'string' &&
    /^\/ops(\/[A-Za-z0-9/_\-?=&.%]*)?$/.test(value) &&
    !value.startsWith('/ops/sign-in')
    ? value
    : '/ops';
}
