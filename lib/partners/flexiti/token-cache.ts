import 'server-only';
import { isFlexitiError } from './errors';

/**
 * Flexiti access tokens per scope (docs/partners/flexiti.md#token-scopes and Flexiti's "How to Implement the Refresh
 * Token"): renewed once less than `thresholdMs` (60 s) remains, with the `refresh_token` grant
 * while the token is still valid (it "cannot be refreshed after it is expired") and with
 * `client_credentials` otherwise. Concurrent callers share one renewal (single flight).
 */

export type FlexitiScope = 'merchant' | 'customer';

export interface IssuedToken {
  accessToken: string;
  refreshToken: string | null;
  expiresInS: number;
}

export interface TokenSource {
  clientCredentials(scope: FlexitiScope): Promise<IssuedToken>;
  refresh(scope: FlexitiScope, refreshToken: string): Promise<IssuedToken>;
}

interface Cached {
  accessToken: string;
  refreshToken: string | null;
  expiresAtMs: number;
}

export const RENEW_THRESHOLD_MS = 60_000;

export class TokenCache {
  private readonly tokens = new Map<FlexitiScope, Cached>();
  private readonly inflight = new Map<FlexitiScope, Promise<Cached>>();

  constructor(
    private readonly source: TokenSource,
    private readonly now: () => number = Date.now,
    private readonly thresholdMs = RENEW_THRESHOLD_MS,
  ) {}

  /**
   * A token with more than `minRemainingMs` (at least the 60 s threshold) of life left. Use
   * `minRemainingMs: 19 * 60_000` before opening the widget so the customer has the whole flow.
   */
  async get(scope: FlexitiScope, opts: { minRemainingMs?: number } = {}): Promise<string> {
    const need = Math.max(this.thresholdMs, opts.minRemainingMs ?? 0);
    const cached = this.tokens.get(scope);
    if (cached && cached.expiresAtMs - this.now() > need) return cached.accessToken;
    let flight = this.inflight.get(scope);
    if (!flight) {
      flight = this.renew(scope, cached).finally(() => this.inflight.delete(scope));
      this.inflight.set(scope, flight);
    }
    return (await flight).accessToken;
  }

  /** Forget a token the partner rejected (401), so the next call gets a new one. */
  invalidate(scope: FlexitiScope, accessToken: string): void {
    if (this.tokens.get(scope)?.accessToken === accessToken) this.tokens.delete(scope);
  }

  private async renew(scope: FlexitiScope, cached: Cached | undefined): Promise<Cached> {
    // Measured from before the request, so the cache never believes a token lives longer than it does.
    const started = this.now();
    let issued: IssuedToken | undefined;
    if (cached?.refreshToken && cached.expiresAtMs > started) {
      try {
        issued = await this.source.refresh(scope, cached.refreshToken);
      } catch (e) {
        // A refused refresh (e.g. another instance used it, or it just expired): start over.
        if (!isFlexitiError(e, 'invalid_token') && !isFlexitiError(e, 'invalid_request')) throw e;
      }
    }
    issued ??= await this.source.clientCredentials(scope);
    const next: Cached = {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      expiresAtMs: started + issued.expiresInS * 1000,
    };
    this.tokens.set(scope, next);
    return next;
  }
}
