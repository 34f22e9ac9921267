import 'server-only';
import NextAuth from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getConfig } from '@/lib/config';
import { findCustomer, type Customer } from './customers';
import { flipkartProvider } from './flipkart-provider';
import { signInPath } from './return-to';

export type { Customer } from './customers';
export { safeReturnTo, signInPath } from './return-to';
export { SignInWithFlipkart } from '@/components/auth/sign-in-with-flipkart';

/**
 * Auth.js v5 with the Flipkart provider. JWT sessions: the cookie (httpOnly, SameSite=Lax,
 * Secure when the app is served over https) holds only our customer id, never a partner token.
 * Configured lazily so the build never reads secrets.
 */
export const { auth, handlers, signIn, signOut } = NextAuth(() => {
  const config = getConfig();
  return {
    providers: [flipkartProvider],
    // The first signs; older ones still read existing cookies while AUTH_SECRET is rotated.
    secret: config.authSecrets,
    trustHost: true,
    useSecureCookies: config.appUrl.startsWith('https://'),
    session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    callbacks: {
      // Only the customer id goes into the token: no name, email or partner token.
      jwt: ({ token, user }) => (user?.id ? { sub: user.id } : token),
      session: ({ session, token }) => ({ expires: session.expires, user: { id: token.sub ?? '' } }) as typeof session,
    },
  };
});

/** The signed-in customer, or null (server components, server actions, route handlers). Once per request. */
export const getCurrentCustomer = cache(async (): Promise<Customer | null> => {
  const session = await auth();
  const id = session?.user?.id;
  return id ? findCustomer(id) : null;
});

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
