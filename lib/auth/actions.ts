'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn, signOut } from './index';
import { SIGN_IN_FAILURES, type SignInFailure } from './errors';
import { safeReturnTo } from './return-to';

export type SignInResult = { ok: true; redirectTo: string } | { ok: false; code: SignInFailure };

/** Called by the browser with the grant token from the Flipkart sheet; sets the session cookie. */
export async function signInWithFlipkart(grantToken: string, returnTo: string): Promise<SignInResult> {
  try {
    await signIn('flipkart', { grantToken: String(grantToken ?? ''), redirect: false });
    return { ok: true, redirectTo: safeReturnTo(returnTo) };
  } catch (e) {
    if (e instanceof CredentialsSignin) {
      const code = (SIGN_IN_FAILURES as readonly string[]).includes(e.code) ? (e.code as SignInFailure) : 'unknown';
      return { ok: false, code };
    }
    if (e instanceof AuthError) return { ok: false, code: 'unknown' };
    throw e;
  }
}

export async function signOutOfStore(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
