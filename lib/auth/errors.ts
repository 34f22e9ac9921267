// The same class next-auth re-exports; imported from @auth/core so plain Node (tests) can load it.
import { CredentialsSignin } from '@auth/core/errors';

/**
 * Why a Flipkart sign-in failed, as the `code` Auth.js carries to the UI (never a partner
 * message or token: the full error is logged on the server only).
 */
export const SIGN_IN_FAILURES = [
  'bad_grant',
  'partner_down',
  'partner_rejected',
  'invalid_request',
  'rate_limited',
] as const;
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number] | 'unknown';

export class FlipkartSignInError extends CredentialsSignin {
  constructor(code: SignInFailure, cause?: unknown) {
    super(undefined, { cause });
    this.code = code;
  }
}

/** The grant token was refused (reused, expired, or our client id/secret is wrong): get a new one. */
export class BadGrantSignIn extends FlipkartSignInError {
  constructor(cause?: unknown) {
    super('bad_grant', cause);
  }
}

/** Flipkart did not answer (network, timeout, 5xx, 429): try again in a moment. */
export class PartnerDownSignIn extends FlipkartSignInError {
  constructor(cause?: unknown) {
    super('partner_down', cause);
  }
}

/** Flipkart rejected our credentials or answered something unreadable: our configuration, logged for ops. */
export class PartnerRejectedSignIn extends FlipkartSignInError {
  constructor(cause?: unknown) {
    super('partner_rejected', cause);
  }
}

/** The browser did not send a usable grant token. */
export class InvalidSignInRequest extends FlipkartSignInError {
  constructor() {
    super('invalid_request');
  }
}

/** Too many sign-ins from this address, or for the whole store, this minute: Flipkart was not asked. */
export class RateLimitedSignIn extends FlipkartSignInError {
  constructor(readonly retryAfterS: number) {
    super('rate_limited');
  }
}

/** The answer to a Flipkart sign-in (`POST /api/sign-in/flipkart`): where to go next, or why not. */
export type SignInResult =
  { ok: true; redirectTo: string } | { ok: false; code: SignInFailure; retryAfterSeconds?: number };
