import 'server-only';
import { randomBytes } from 'node:crypto';
import { getConfig, type AppConfig } from '@/lib/config';
import {
  newCorrelationId,
  partnerFetch,
  PartnerHttpError,
  type HttpMethod,
  type PartnerResponse,
} from '@/lib/partners/http';
import { cachedClient } from '@/lib/partners/client-cache';
import { isAccountClash, OpenTvError, OpenTvTenantError, OpenTvUnavailableError } from './errors';
import { KeycloakTokenCache, type KeycloakSettings } from './token-cache';
import type {
  ActivationLink,
  CallContext,
  CreatedEntitlement,
  OpenTvAccount,
  OpenTvEntitlement,
  ReasonPair,
} from './types';
import {
  accountSchema,
  activationInfoSchema,
  createAccountResponseSchema,
  createEntitlementResponseSchema,
  entitlementListSchema,
  opentvErrorSchema,
  updateResponseSchema,
} from './wire';

/**
 * The OpenTV Platform (Nagra) CRM gateway client (docs/partners/opentv.md). Every call goes through
 * partnerFetch with `x-correlation-id`, `nv-tenant-id` and the Keycloak bearer token; a 403
 * (Nagra's "invalid token") drops the cached token and retries once with a new one.
 */

export interface OpenTvSettings {
  baseUrl: string;
  tenantId: string;
  keycloak: KeycloakSettings;
}

export interface CreateEntitlementInput extends CallContext {
  /** Our deterministic `_id` (entitlementIdForOrder): a retried create cannot make a second one. */
  entitlementId: string;
  accountId: string;
  productId: string;
  /** docs/partners/opentv.md#duplicate-purchase: true = OpenTV rejects a second PENDING/ACTIVE entitlement of the product (400). */
  prohibitDuplicate?: boolean;
  /** docs/partners/opentv.md#create-entitlement: sent when known, for deployments on the validFrom/expiryDate version of the API. */
  validFrom?: string;
  expiryDate?: string;
}

export interface OpenTvClient {
  createEntitlement(input: CreateEntitlementInput): Promise<CreatedEntitlement>;
  getEntitlement(id: string, ctx?: CallContext): Promise<OpenTvEntitlement | null>;
  /**
   * `absent`: OpenTV has no such entitlement, and its tenant read answered, so the 404 was about
   * the entitlement (docs/partners/opentv.md#tenant-404). Throws OpenTvTenantError otherwise.
   */
  cancelEntitlement(
    id: string,
    reason: ReasonPair,
    ctx?: CallContext,
  ): Promise<{ outcome: 'cancelled' | 'absent'; modified: boolean }>;
  /** The harmless tenant read (docs/partners/opentv.md#tenant-404): resolves when OpenTV knows our tenant. */
  checkTenant(ctx?: CallContext): Promise<void>;
  getActivationInfo(id: string, ctx?: CallContext): Promise<ActivationLink | null>;
  getAccount(id: string, ctx?: CallContext): Promise<OpenTvAccount | null>;
  createAccount(
    input: { signonId: string; id?: string; password?: string } & CallContext,
  ): Promise<{ accountId: string }>;
  readonly tokens: KeycloakTokenCache;
}

const ENTITLEMENTS_V2 = '/crm-gateway/v2/rmg/v1/entitlements';
// docs/partners/opentv.md#list-entitlements: the list endpoint is documented on v1 only.
const ENTITLEMENTS_V1 = '/crm-gateway/v1/rmg/v1/entitlements';
/**
 * docs/partners/opentv.md#tenant-404: the tenant read. A list of at most one THIRDPARTY
 * entitlement: it creates nothing, and on a tenant OpenTV knows it answers 200 (an empty list
 * when there is none), so only an unknown tenant makes it 404.
 */
const TENANT_READ = `${ENTITLEMENTS_V1}?filter=${encodeURIComponent(JSON.stringify({ productType: 'THIRDPARTY' }))}&limit=1`;

function errorOf(operation: string, res: PartnerResponse): OpenTvError {
  const body = opentvErrorSchema.safeParse(res.body);
  const message =
    (body.success && body.data.message) || (typeof res.body === 'string' ? res.body : `HTTP ${res.status}`);
  return new OpenTvError(operation, res.status, body.success ? body.data.code : undefined, message.slice(0, 300));
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

export function createOpenTvClient(
  opts: { settings?: OpenTvSettings; tokens?: KeycloakTokenCache } = {},
): OpenTvClient {
  const settings = opts.settings ?? settingsFromConfig();
  const tokens = opts.tokens ?? new KeycloakTokenCache(settings.keycloak);

  async function call(
    operation: string,
    method: HttpMethod,
    path: string,
    ctx: CallContext,
    extra: { json?: unknown; retry?: 'safe' | 'none'; tenantRead?: boolean } = {},
  ): Promise<PartnerResponse> {
    const correlationId = ctx.correlationId ?? newCorrelationId();
    for (let attempt = 1; ; attempt++) {
      const token = await tokens.getToken(correlationId);
      let res: PartnerResponse;
      try {
        res = await partnerFetch({
          partner: 'opentv',
          operation,
          method,
          url: `${settings.baseUrl}${path}`,
          headers: { authorization: `Bearer ${token}`, 'nv-tenant-id': settings.tenantId },
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
        tokens.invalidate(token);
        continue;
      }
      if (res.status >= 500 || res.status === 429) {
        throw new OpenTvUnavailableError(operation, `HTTP ${res.status}`, res.status);
      }
      // docs/partners/opentv.md#tenant-404: a 404 is "the specified tenant does not exist" as
      // much as "no such entitlement or account". Only a tenant that answers its read makes it
      // the latter; callers never see a 404 from an unknown tenant.
      if (res.status === 404 && !extra.tenantRead)
        await checkTenant(operation, { correlationId, orderId: ctx.orderId });
      return res;
    }
  }

  async function checkTenant(operation: string, ctx: CallContext): Promise<void> {
    const res = await call('checkTenant', 'GET', TENANT_READ, ctx, { tenantRead: true });
    if (res.status === 200) return;
    if (res.status === 404)
      throw new OpenTvTenantError(operation, settings.tenantId, errorOf('checkTenant', res).message);
    // Neither yes nor no (a 400 or 403 we cannot place): the 404 stays unexplained, so nothing
    // may be concluded from it; try again later.
    throw new OpenTvUnavailableError(operation, `the tenant read answered HTTP ${res.status}`, res.status);
  }

  const client: OpenTvClient = {
    tokens,

    checkTenant: (ctx = {}) => checkTenant('checkTenant', ctx),

    async getEntitlement(id, ctx = {}) {
      const filter = encodeURIComponent(JSON.stringify({ _id: id }));
      const res = await call('getEntitlement', 'GET', `${ENTITLEMENTS_V1}?filter=${filter}&limit=1`, ctx);
      if (res.status !== 200) throw errorOf('getEntitlement', res);
      const list = entitlementListSchema.safeParse(res.body);
      if (!list.success) throw new OpenTvError('getEntitlement', res.status, undefined, 'unexpected list body');
      const e = list.data.find((x) => x._id === id);
      if (!e) return null;
      return {
        id: e._id,
        accountId: e.accountId,
        productId: e.productId,
        status: e.status,
        reasonCategory: e.reasonCategory ?? e.cancelReasonCategory ?? null,
        reasonCode: e.reasonCode ?? e.cancelReasonCode ?? null,
        createdAt: e.created ?? null,
        modifiedAt: e.modified ?? null,
      };
    },

    async createEntitlement(input) {
      const ctx: CallContext = { correlationId: input.correlationId ?? newCorrelationId(), orderId: input.orderId };
      // docs/partners/opentv.md#duplicate-purchase: sent explicitly whenever the caller decides (both readings of the flag are documented there).
      const query =
        input.prohibitDuplicate === undefined ? '' : `?prohibitDuplicateProductPurchase=${input.prohibitDuplicate}`;
      const res = await call('createEntitlement', 'POST', `${ENTITLEMENTS_V2}${query}`, ctx, {
        // docs/partners/opentv.md#create-entitlement: the superset body; `_id` is ours (docs/partners/opentv.md#entitlement-id), so retrying is safe.
        json: {
          _id: input.entitlementId,
          productType: 'THIRDPARTY',
          productId: input.productId,
          accountId: input.accountId,
          status: 'PENDING',
          ...(input.validFrom ? { validFrom: input.validFrom } : {}),
          ...(input.expiryDate ? { expiryDate: input.expiryDate } : {}),
        },
      });
      // docs/partners/opentv.md#create-entitlement: 200, 201 and 202 all mean created.
      if (res.status === 200 || res.status === 201 || res.status === 202) {
        const body = createEntitlementResponseSchema.safeParse(res.body ?? {});
        const b = body.success ? body.data : {};
        const params = 'parameters' in b ? (b.parameters ?? b.activationInfo?.parameters) : undefined;
        return {
          entitlementId: ('_id' in b && (b._id ?? b.entitlementId ?? b.id)) || input.entitlementId,
          activationUrl: params?.url ?? null,
          activationUrlExpiry: params?.urlExpiry ?? null,
          alreadyExisted: false,
        };
      }
      // "Already exists" for our `_id` (409 in the sandbox; possibly 400 elsewhere): success if
      // it is the same purchase. Checked by reading it back, not by parsing an error text (docs/partners/opentv.md#error-bodies).
      if (res.status === 409 || res.status === 400) {
        const existing = await client.getEntitlement(input.entitlementId, ctx);
        if (existing && existing.accountId === input.accountId && existing.productId === input.productId) {
          const link = existing.status === 'PENDING' ? await client.getActivationInfo(existing.id, ctx) : null;
          return {
            entitlementId: existing.id,
            activationUrl: link?.url ?? null,
            activationUrlExpiry: link?.expiresAt ?? null,
            alreadyExisted: true,
          };
        }
      }
      throw errorOf('createEntitlement', res);
    },

    async cancelEntitlement(id, reason, ctx = {}) {
      // docs/partners/opentv.md#update-and-cancel: PUT with Nagra's cancel body; a repeated cancel matches without modifying.
      const res = await call('cancelEntitlement', 'PUT', `${ENTITLEMENTS_V2}/${encodeURIComponent(id)}`, ctx, {
        json: { status: 'CANCELLED', cancelReasonCategory: reason.category, cancelReasonCode: reason.code },
      });
      // A 404 here comes from a tenant that answers (call() checked): the entitlement is not there.
      if (res.status === 404) return { outcome: 'absent', modified: false };
      if (res.status !== 200 && res.status !== 202) throw errorOf('cancelEntitlement', res);
      const body = updateResponseSchema.safeParse(res.body);
      return { outcome: 'cancelled', modified: body.success ? body.data.modifiedCount > 0 : true };
    },

    async getActivationInfo(id, ctx = {}) {
      const res = await call(
        'getActivationInfo',
        'GET',
        `/tpes/v1/operator/entitlements/${encodeURIComponent(id)}/activationinfo`,
        ctx,
      );
      // docs/partners/opentv.md#activation: only a PENDING entitlement has activation info; otherwise there is nothing to show.
      if (res.status === 400 || res.status === 409) return null;
      if (res.status !== 200) throw errorOf('getActivationInfo', res);
      const body = activationInfoSchema.safeParse(res.body);
      if (!body.success) throw new OpenTvError('getActivationInfo', res.status, undefined, 'unexpected body');
      const url = body.data.parameters.url;
      // No link, or one that is not https (dropped by the schema): nothing to show.
      if (!url) return null;
      return { url, expiresAt: body.data.parameters.urlExpiry ?? null };
    },

    async getAccount(id, ctx = {}) {
      const res = await call('getAccount', 'GET', `/adm/v1/accounts/${encodeURIComponent(id)}`, ctx);
      if (res.status === 404) return null;
      if (res.status !== 200) throw errorOf('getAccount', res);
      const body = accountSchema.safeParse(res.body);
      if (!body.success) throw new OpenTvError('getAccount', res.status, undefined, 'unexpected account body');
      return {
        id: body.data._id,
        status: body.data.status,
        accountNumber: body.data.accountNumber ?? null,
        signonId: body.data.signonId ?? null,
      };
    },

    async createAccount(input) {
      const ctx: CallContext = { correlationId: input.correlationId ?? newCorrelationId(), orderId: input.orderId };
      const res = await call('createAccount', 'POST', '/adm/v1/accounts', ctx, {
        json: {
          ...(input.id ? { _id: input.id } : {}),
          signonId: input.signonId,
          // The customer never signs in to OpenTV directly in this flow; a random password.
          password: input.password ?? randomBytes(18).toString('base64url'),
        },
        // Without our own `_id` a blind retry could create a second account.
        retry: input.id ? 'safe' : 'none',
      });
      if (res.status === 200 || res.status === 201) {
        const body = createAccountResponseSchema.safeParse(res.body);
        if (!body.success) throw new OpenTvError('createAccount', res.status, undefined, 'response has no _id');
        return { accountId: body.data._id };
      }
      // A retried create with our `_id` (its first answer was lost): it exists already, which is
      // what we wanted. OpenTV documents 400 for a clash; a real server may answer 409.
      if (isAccountClash(res.status) && input.id) {
        const existing = await client.getAccount(input.id, ctx);
        if (existing) return { accountId: existing.id };
      }
      throw errorOf('createAccount', res);
    },
  };
  return client;
}

/** The app's client for the current configuration (one token cache per process, client-cache.ts). */
export function openTvClient(): OpenTvClient {
  const settings = settingsFromConfig();
  return cachedClient('opentv', JSON.stringify(settings), () => createOpenTvClient({ settings }));
}
