import 'server-only';
import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn } from './index';
import { RateLimitedSignIn, SIGN_IN_FAILURES, type SignInFailure, type SignInResult } from './errors';
import { safeReturnTo } from './return-to';

/**
 * Signs the customer in with a grant token from the Flipkart sheet: Auth.js's Flipkart provider
 * (exchange, profile, customer upsert) and the session cookie. Called by the route handler
 * `POST /api/sign-in/flipkart`, not a server action: an action that sets a cookie makes Next
 * render the whole current page again into its answer, which the browser throws away (it loads
 * `redirectTo` next). `returnTo` is anything: safeReturnTo keeps only a path on this site.
 */
export async function signInWithGrant(grantToken: string, returnTo: unknown): Promise<SignInResult> {
  try {
    await signIn('flipkart', { grantToken, redirect: false });
    return { ok: true, redirectTo: safeReturnTo(returnTo) };
  } catch (e) {
    if (e instanceof RateLimitedSignIn) return { ok: false, code: 'rate_limited', retryAfterSeconds: e.retryAfterS };
    if (e instanceof CredentialsSignin) {
      const code = (SIGN_IN_FAILURES as readonly string[]).includes(e.code) ? (e.code as SignInFailure) : 'unknown';
      return { ok: false, code };
    }
    if (e instanceof AuthError) return { ok: false, code: 'unknown' };
    throw e;
  }
}
