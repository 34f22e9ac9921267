import 'server-only';
import { partnerFetch, PartnerHttpError } from '@/lib/partners/http';
import { OpenTvAuthError, OpenTvUnavailableError } from './errors';
import { oauthErrorSchema, tokenResponseSchema, type TokenResponse } from './wire';

/**
 * The Keycloak operator token (docs/partners/opentv.md#keycloak-grant, #keycloak-token-cache, #keycloak-errors), cached in server memory only:
 * - `password` grant (Nagra's documented way): refresh with the refresh token while it is still
 *   valid, else log in again; `client_credentials`: re-run the grant (no refresh token, docs/partners/opentv.md#keycloak-lifetimes).
 * - Renewed `earlyRenewS` (default 45 s) before expiry; concurrent callers share one request.
 * - `invalidate(token)` after a 403 from an operator API, so the next call fetches a new token.
 * - Bad credentials are never retried: they throw OpenTvAuthError.
 */

export interface KeycloakSettings {
  tokenUrl: string;
  grant: 'password' | 'client_credentials';
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

interface Cached {
  accessToken: string;
  accessExpiresAt: number;
  refreshToken?: string;
  refreshExpiresAt?: number;
}

// docs/partners/opentv.md#keycloak-errors: these mean "credentials wrong" whatever the Keycloak version; a retry cannot help.
const BAD_CLIENT = new Set(['invalid_client', 'unauthorized_client']);

export class KeycloakTokenCache {
  private cached: Cached | undefined;
  private inflight: Promise<Cached> | undefined;
  private readonly now: () => number;
  private readonly earlyRenewMs: number;

  constructor(
    private readonly settings: KeycloakSettings,
    opts: { now?: () => number; earlyRenewS?: number } = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.earlyRenewMs = (opts.earlyRenewS ?? 45) * 1000;
  }

  /** A valid access token, from the cache when it has more than the early-renew margin left. */
  async getToken(correlationId?: string): Promise<string> {
    const c = this.cached;
    if (c && this.now() < c.accessExpiresAt - this.earlyRenewMs) return c.accessToken;
    this.inflight ??= this.renew(correlationId).finally(() => {
      this.inflight = undefined;
    });
    return (await this.inflight).accessToken;
  }

  /** Forget the token (only if it is still the one given, so a fresh token is not dropped). */
  invalidate(token?: string): void {
    if (!token || this.cached?.accessToken === token) {
      // Keep the refresh token: a rejected access token says nothing about the session.
      if (this.cached) this.cached = { ...this.cached, accessToken: '', accessExpiresAt: 0 };
    }
  }

  private async renew(correlationId?: string): Promise<Cached> {
    const s = this.settings;
    const c = this.cached;
    if (
      s.grant === 'password' &&
      c?.refreshToken &&
      c.refreshExpiresAt &&
      this.now() < c.refreshExpiresAt - this.earlyRenewMs
    ) {
      const refreshed = await this.request(
        'refreshToken',
        { grant_type: 'refresh_token', client_id: s.clientId, refresh_token: c.refreshToken, ...this.secretField() },
        correlationId,
        true,
      );
      if (refreshed) return this.store(refreshed);
      // The session ended early (invalid_grant): fall through to a fresh login.
    }
    const form: Record<string, string> =
      s.grant === 'password'
        ? {
            grant_type: 'password',
            client_id: s.clientId,
            username: s.username,
            password: s.password,
            ...this.secretField(),
          }
        : { grant_type: 'client_credentials', client_id: s.clientId, client_secret: s.clientSecret };
    const token = await this.request(
      s.grant === 'password' ? 'passwordGrant' : 'clientCredentialsGrant',
      form,
      correlationId,
      false,
    );
    return this.store(token!);
  }

  /** Nagra's password-grant client is public (docs/partners/opentv.md#keycloak-grant); send a secret only when one is configured. */
  private secretField(): Record<string, string> {
    return this.settings.clientSecret ? { client_secret: this.settings.clientSecret } : {};
  }

  private store(t: TokenResponse): Cached {
    const at = this.now();
    this.cached = {
      accessToken: t.access_token,
      accessExpiresAt: at + t.expires_in * 1000,
      refreshToken: t.refresh_token,
      refreshExpiresAt: t.refresh_token && t.refresh_expires_in ? at + t.refresh_expires_in * 1000 : undefined,
    };
    return this.cached;
  }

  /** `null` only for a rejected refresh token (when `isRefresh`), so the caller logs in again. */
  private async request(
    operation: string,
    form: Record<string, string>,
    correlationId: string | undefined,
    isRefresh: boolean,
  ): Promise<TokenResponse | null> {
    let res;
    try {
      res = await partnerFetch({
        partner: 'keycloak',
        operation,
        method: 'POST',
        url: this.settings.tokenUrl,
        form,
        correlationId,
      });
    } catch (e) {
      if (e instanceof PartnerHttpError) throw new OpenTvUnavailableError(operation, e.message);
      throw e;
    }
    if (res.status === 200) {
      const parsed = tokenResponseSchema.safeParse(res.body);
      if (!parsed.success)
        throw new OpenTvUnavailableError(operation, 'token response is not a Keycloak token', res.status);
      return parsed.data;
    }
    const err = oauthErrorSchema.safeParse(res.body);
    const error = err.success ? err.data.error : 'unknown';
    const description = (err.success && err.data.error_description) || `HTTP ${res.status}`;
    if (res.status >= 500 || res.status === 429) throw new OpenTvUnavailableError(operation, description, res.status);
    if (isRefresh && error === 'invalid_grant') {
      this.cached = undefined;
      return null;
    }
    // The bad-client pairs of docs/partners/opentv.md#keycloak-errors and a rejected password are credential problems; any other 4xx from
    // the token endpoint (e.g. a wrong OPENTV_TOKEN_URL) is configuration too. None is retried.
    if (BAD_CLIENT.has(error) || error === 'invalid_grant' || res.status < 500) {
      throw new OpenTvAuthError(res.status, error, description);
    }
    throw new OpenTvUnavailableError(operation, description, res.status);
  }
}
