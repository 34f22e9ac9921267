/**
 * The one base of every partner error, so the outbox and the checkout decide what to do by asking
 * it, never by knowing a partner's codes. No server-only import: Flexiti's errors reach the checkout UI.
 */
import type { PartnerName } from './registry';

export type { PartnerName };

export abstract class PartnerError extends Error {
  abstract readonly partner: PartnerName;
  /** The partner's (or the client's own) code, for logs and support; never branch on it outside the partner's folder. */
  abstract readonly code: string | number | null | undefined;
  /** Trying the same call again later may succeed (unavailable, throttled, a token to renew). */
  abstract get retryable(): boolean;
  /**
   * The partner may have applied the call although we got no clear answer (timeout, reset, 5xx,
   * 429 after sending, an unreadable body): reconcile, never report it as failed.
   */
  abstract get outcomeUnknown(): boolean;
  /** When the partner said to come back (throttling), in ms; otherwise the caller's backoff decides. */
  declare readonly retryAfterMs?: number;
  /** The HTTP status the partner answered; 0, null or absent when no answer arrived. For logs and events. */
  declare readonly status?: number | null;

  /*
   * What the app needs to know about a refusal, asked instead of a partner's codes or statuses
   * (each partner's errors say which of its answers mean it; false otherwise).
   */
  /** The call is refused in the object's current state (e.g. a release of an authorization already released or captured). */
  get wrongState(): boolean {
    return false;
  }
  /** A return refused because the money was already given back (a repeat of a return whose answer was lost). */
  get alreadyRefunded(): boolean {
    return false;
  }
  /** A create refused because what it names is taken (e.g. an account's sign-on already in use). */
  get alreadyExists(): boolean {
    return false;
  }
  /** The partner refused the token of this customer's flow (expired): a definite no, nothing was processed. */
  get tokenRefused(): boolean {
    return false;
  }

  /** One line for logs and the outbox's last error: partner, what failed, its code. */
  get summary(): string {
    return `${this.partner}: ${this.message}`;
  }
}

/**
 * A partner error, whichever copy of these classes made it. Next bundles instrumentation (the
 * outbox worker) and each route separately, and the partner clients are shared across them on
 * globalThis (client-cache.ts), so an error thrown by a client another bundle built is an instance
 * of that bundle's classes and `instanceof` here says no (a refund's "already returned" was taken
 * for a failure and its job died). Recognised by its shape instead: an Error naming its partner and
 * saying whether to retry and whether its outcome is unknown.
 */
export function isPartnerError(e: unknown): e is PartnerError {
  if (e instanceof PartnerError) return true;
  if (!(e instanceof Error)) return false;
  const said = e as Error & { partner?: unknown; retryable?: unknown; outcomeUnknown?: unknown };
  return (
    typeof said.partner === 'string' && typeof said.retryable === 'boolean' && typeof said.outcomeUnknown === 'boolean'
  );
}
