'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import { validatedAction } from '@/lib/actions/validated-action';
import { signIn, signOut } from './index';
import { SIGN_IN_FAILURES, type SignInFailure } from './errors';
import { safeReturnTo } from './return-to';

export type SignInResult = { ok: true; redirectTo: string } | { ok: false; code: SignInFailure };

/** `returnTo` is anything: safeReturnTo keeps only a path on this site. */
const signInInput = z.object({ grantToken: z.string(), returnTo: z.unknown() });

/** Called by the browser with the grant token from the Flipkart sheet; sets the session cookie. */
export const signInWithFlipkart = validatedAction(
  signInInput,
  async ({ grantToken, returnTo }): Promise<SignInResult> => {
    try {
      await signIn('flipkart', { grantToken, redirect: false });
      return { ok: true, redirectTo: safeReturnTo(returnTo) };
    } catch (e) {
      if (e instanceof CredentialsSignin) {
        const code = (SIGN_IN_FAILURES as readonly string[]).includes(e.code) ? (e.code as SignInFailure) : 'unknown';
        return { ok: false, code };
      }
      if (e instanceof AuthError) return { ok: false, code: 'unknown' };
      throw e;
    }
  },
  // What the Flipkart provider answers for a request without a grant token (InvalidSignInRequest).
  { onInvalid: (): SignInResult => ({ ok: false, code: 'invalid_request' }) },
);

export const signOutOfStore = validatedAction(
  z.object({}),
  async (): Promise<void> => {
    await signOut({ redirectTo: '/' });
  },
  { onInvalid: () => undefined },
); // no fields, so nothing to refuse
