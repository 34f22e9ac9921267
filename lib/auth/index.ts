import 'server-only';
import NextAuth, { type NextAuthConfig } from 'next-auth';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { openSession, revokeSession, sessionActive } from '@/lib/security/sessions';
import { findSessionCustomer, type Customer } from './customers';
import { flipkartProvider } from './flipkart-provider';
import { sessionClaims } from './session-claims';
import { SESSION_COOKIE } from '@/lib/security/session-cookie';
import { signInPath } from './return-to';

export type { Customer } from './customers';
export { safeReturnTo } from './return-to';

const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/** Cookies are `Secure` (and named `__Secure-…`) when the app is served over https. */
const secureCookies = (config: { appUrl: string }) => config.appUrl.startsWith('https://');

/**
 * Auth.js v5 with the Flipkart provider. JWT sessions: the cookie (httpOnly, SameSite=Lax,
 * Secure when the app is served over https) holds only our customer id, never a partner token.
 * Configured lazily so the build never reads secrets.
 */
export function authConfig(): NextAuthConfig {
  const config = getConfig();
  return {
    providers: [flipkartProvider],
    // The first signs; older ones still read existing cookies while AUTH_SECRET is rotated.
    secret: config.authSecrets,
    trustHost: true,
    useSecureCookies: secureCookies(config),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    callbacks: {
      // Only the customer id and the server-side session id go into the token: no name, email or
      // partner token. A token whose session row was revoked (signed out) is no session at all.
      jwt: async ({ token, user }) => {
        const db = await getDb();
        if (user?.id) return { sub: user.id, sid: await openSession(db, 'customer', user.id, SESSION_MAX_AGE_S) };
        const sid = typeof token.sid === 'string' ? token.sid : null;
        return (await sessionActive(db, 'customer', sid, token.sub ?? '')) ? token : null;
      },
      session: ({ session, token }) => ({ expires: session.expires, user: { id: token.sub ?? '' } }) as typeof session,
    },
    events: {
      // Sign-out ends the session for good: a copy of the cookie no longer works either.
      signOut: async (message) => {
        const sid = 'token' in message ? message.token?.sid : undefined;
        if (typeof sid === 'string') await revokeSession(await getDb(), sid);
      },
    },
  };
}

export const { auth, handlers, signIn, signOut } = NextAuth(authConfig);

/**
 * The signed-in customer, or null (server components, server actions, route handlers). Once per
 * request. Reads Auth.js's cookie with next-auth/jwt's `getToken` (the same decryption, secrets
 * and expiry check as `auth()`; ./session-claims.ts), then checks the session row and loads the
 * customer in one query (the `jwt` callback's check above). `auth()` would also encrypt a renewed
 * token for a cookie that nothing here sets, and take a second query.
 */
export const getCurrentCustomer = cache(async (): Promise<Customer | null> => {
  const sessionCookies = (await cookies()).getAll().filter((c) => SESSION_COOKIE.test(c.name));
  // Most page views are signed out: without a session cookie there is nothing to decrypt.
  if (!sessionCookies.length) return null;
  const config = getConfig();
  const claims = await sessionClaims(sessionCookies.map((c) => `${c.name}=${c.value}`).join('; '), {
    secret: config.authSecrets,
    secureCookie: secureCookies(config),
  });
  return claims ? findSessionCustomer(claims.sid, claims.sub) : null;
});

/**
 * Ends the current customer's session (the row revoked, the cookie cleared) without redirecting,
 * for a caller that goes somewhere itself: the demo tour starting again as another persona.
 */
export async function endCustomerSession(): Promise<void> {
  if (!(await getCurrentCustomer())) return;
  await signOut({ redirect: false });
}

/** The signed-in customer; otherwise redirects to sign-in and back to `returnTo` afterwards. */
export async function requireCustomer(returnTo: string): Promise<Customer> {
  const customer = await getCurrentCustomer();
  if (!customer) redirect(signInPath(returnTo));
  return customer;
}

/** What the header greets the customer with: the first name, or a neutral greeting without one. */
export function greetingName(customer: Pick<Customer, 'firstName'>): string | null {
  return customer.firstName?.trim() || null;
}
