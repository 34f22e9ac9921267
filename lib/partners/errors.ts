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

  /** One line for logs and the outbox's last error: partner, what failed, its code. */
  get summary(): string {
    return `${this.partner}: ${this.message}`;
  }
}

export function isPartnerError(e: unknown): e is PartnerError {
  return e instanceof PartnerError;
}
