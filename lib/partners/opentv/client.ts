import 'server-only';
import { getConfig, type AppConfig } from '@/lib/config';
import { cachedClient } from '@/lib/partners/client-cache';
import { PartnerClient } from '@/lib/partners/client-base';
import { newCorrelationId, partnerFetch, PartnerHttpError, type PartnerResponse } from '@/lib/partners/http';
import { createAccount, getAccount, type CreateAccountInput } from './accounts';
import { errorOf, type OpenTvCall } from './call';
import {
  cancelEntitlement,
  createEntitlement,
  getActivationInfo,
  getEntitlement,
  TENANT_READ,
  type CreateEntitlementInput,
} from './entitlements';
import { OpenTvTenantError, OpenTvUnavailableError } from './errors';
import { KeycloakTokenCache, type KeycloakSettings } from './token-cache';
import type {
  ActivationLink,
  CallContext,
  CreatedEntitlement,
  OpenTvAccount,
  OpenTvEntitlement,
  ReasonPair,
} from './types';

/**
 * The OpenTV Platform (Nagra) CRM gateway client (docs/partners/opentv.md). Every call goes through
 * partnerFetch with `x-correlation-id`, `nv-tenant-id` and the Keycloak bearer token; a 403
 * (Nagra's "invalid token") drops the cached token and retries once with a new one. What each
 * endpoint means lives in entitlements.ts and accounts.ts.
 */

export interface OpenTvSettings {
  baseUrl: string;
  tenantId: string;
  keycloak: KeycloakSettings;
}

export function settingsFromConfig(o: AppConfig['opentv'] = getConfig().opentv): OpenTvSettings {
  return {
    baseUrl: o.baseUrl,
    tenantId: o.tenantId,
    keycloak: {
      tokenUrl: o.tokenUrl,
      grant: o.grant,
      clientId: o.clientId,
      clientSecret: o.clientSecret,
      username: o.username,
      password: o.password,
    },
  };
}

export class OpenTvClient extends PartnerClient<OpenTvSettings> {
  override readonly partner = 'opentv';
  /** The operator token, cached and renewed (token-cache.ts); tests pass one with their own clock. */
  readonly tokens: KeycloakTokenCache;

  constructor(settings: OpenTvSettings, deps: { tokens?: KeycloakTokenCache } = {}) {
    super(settings);
    this.tokens = deps.tokens ?? new KeycloakTokenCache(settings.keycloak);
  }

  /** A fresh operator token from Keycloak (on a fresh client: whatever the app's holds). Throws if refused. */
  override async checkCredentials(ctx: { correlationId?: string } = {}): Promise<void> {
    await this.tokens.getToken(ctx.correlationId);
  }

  /**
   * The harmless tenant read (docs/partners/opentv.md#tenant-404), for the health page and
   * `npm run partners:check`: resolves when OpenTV knows our tenant; throws OpenTvTenantError when
   * it answers 404, another PartnerError when it cannot say. Creates nothing.
   */
  checkTenant(ctx: CallContext = {}): Promise<void> {
    return this.tenantRead('checkTenant', ctx);
  }

  createEntitlement(input: CreateEntitlementInput): Promise<CreatedEntitlement> {
    return createEntitlement(this.call, input);
  }

  getEntitlement(id: string, ctx: CallContext = {}): Promise<OpenTvEntitlement | null> {
    return getEntitlement(this.call, id, ctx);
  }

  /** `absent`: no such entitlement on a tenant that answers (entitlements.ts). */
  cancelEntitlement(
    id: string,
    reason: ReasonPair,
    ctx: CallContext = {},
  ): Promise<{ outcome: 'cancelled' | 'absent'; modified: boolean }> {
    return cancelEntitlement(this.call, id, reason, ctx);
  }

  getActivationInfo(id: string, ctx: CallContext = {}): Promise<ActivationLink | null> {
    return getActivationInfo(this.call, id, ctx);
  }

  getAccount(id: string, ctx: CallContext = {}): Promise<OpenTvAccount | null> {
    return getAccount(this.call, id, ctx);
  }

  createAccount(input: CreateAccountInput): Promise<{ accountId: string }> {
    return createAccount(this.call, input);
  }

  private readonly call: OpenTvCall = async (operation, method, path, ctx, extra = {}) => {
    const correlationId = ctx.correlationId ?? newCorrelationId();
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokens.getToken(correlationId);
      let res: PartnerResponse;
      try {
        res = await partnerFetch({
          partner: 'opentv',
          operation,
          method,
          url: `${this.settings.baseUrl}${path}`,
          headers: { authorization: `Bearer ${token}`, 'nv-tenant-id': this.settings.tenantId },
          json: extra.json,
          correlationId,
          orderId: ctx.orderId,
          retry: extra.retry,
        });
      } catch (e) {
        if (e instanceof PartnerHttpError) throw new OpenTvUnavailableError(operation, e.message);
        throw e;
      }
      // docs/partners/opentv.md#operator-headers: Nagra answers an invalid or expired token with 403. Get a new token, once.
      if (res.status === 403 && attempt === 1) {
        this.tokens.invalidate(token);
        continue;
      }
      if (res.status >= 500 || res.status === 429) {
        throw new OpenTvUnavailableError(operation, `HTTP ${res.status}`, res.status);
      }
      // docs/partners/opentv.md#tenant-404: a 404 is "the specified tenant does not exist" as
      // much as "no such entitlement or account". Only a tenant that answers its read makes it
      // the latter; callers never see a 404 from an unknown tenant.
      if (res.status === 404 && !extra.tenantRead)
        await this.tenantRead(operation, { correlationId, orderId: ctx.orderId });
      return res;
    }
  };

  /** The tenant read on behalf of `operation` (named in the OpenTvTenantError it may throw). */
  private async tenantRead(operation: string, ctx: CallContext): Promise<void> {
    const res = await this.call('checkTenant', 'GET', TENANT_READ, ctx, { tenantRead: true });
    if (res.status === 200) return;
    if (res.status === 404)
      throw new OpenTvTenantError(operation, this.settings.tenantId, errorOf('checkTenant', res).message);
    // Neither yes nor no (a 400 or 403 we cannot place): the 404 stays unexplained, so nothing
    // may be concluded from it; try again later.
    throw new OpenTvUnavailableError(operation, `the tenant read answered HTTP ${res.status}`, res.status);
  }
}

/** The app's client for the current configuration (one token cache per process, client-cache.ts). */
export function openTvClient(): OpenTvClient {
  const settings = settingsFromConfig();
  return cachedClient('opentv', JSON.stringify(settings), () => new OpenTvClient(settings));
}
