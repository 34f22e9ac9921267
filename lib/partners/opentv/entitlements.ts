import 'server-only';
import { newCorrelationId } from '@/lib/partners/http';
import { errorOf, type OpenTvCall } from './call';
import { OpenTvError } from './errors';
import type { ActivationLink, CallContext, CreatedEntitlement, OpenTvEntitlement, ReasonPair } from './types';
import {
  activationInfoSchema,
  createEntitlementResponseSchema,
  entitlementListSchema,
  updateResponseSchema,
} from './wire';

/** OpenTV's entitlements and their activation (docs/partners/opentv.md), for OpenTvClient (client.ts). */

const ENTITLEMENTS_V2 = '/crm-gateway/v2/rmg/v1/entitlements';
// docs/partners/opentv.md#list-entitlements: the list endpoint is documented on v1 only.
const ENTITLEMENTS_V1 = '/crm-gateway/v1/rmg/v1/entitlements';
/**
 * docs/partners/opentv.md#tenant-404: the tenant read. A list of at most one THIRDPARTY
 * entitlement: it creates nothing, and on a tenant OpenTV knows it answers 200 (an empty list
 * when there is none), so only an unknown tenant makes it 404.
 */
export const TENANT_READ = `${ENTITLEMENTS_V1}?filter=${encodeURIComponent(JSON.stringify({ productType: 'THIRDPARTY' }))}&limit=1`;

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

export async function getEntitlement(
  call: OpenTvCall,
  id: string,
  ctx: CallContext,
): Promise<OpenTvEntitlement | null> {
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
}

export async function createEntitlement(call: OpenTvCall, input: CreateEntitlementInput): Promise<CreatedEntitlement> {
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
    const existing = await getEntitlement(call, input.entitlementId, ctx);
    if (existing && existing.accountId === input.accountId && existing.productId === input.productId) {
      const link = existing.status === 'PENDING' ? await getActivationInfo(call, existing.id, ctx) : null;
      return {
        entitlementId: existing.id,
        activationUrl: link?.url ?? null,
        activationUrlExpiry: link?.expiresAt ?? null,
        alreadyExisted: true,
      };
    }
  }
  throw errorOf('createEntitlement', res);
}

/**
 * `absent`: OpenTV has no such entitlement, and its tenant read answered, so the 404 was about
 * the entitlement (docs/partners/opentv.md#tenant-404). Throws OpenTvTenantError otherwise.
 */
export async function cancelEntitlement(
  call: OpenTvCall,
  id: string,
  reason: ReasonPair,
  ctx: CallContext,
): Promise<{ outcome: 'cancelled' | 'absent'; modified: boolean }> {
  // docs/partners/opentv.md#update-and-cancel: PUT with Nagra's cancel body; a repeated cancel matches without modifying.
  const res = await call('cancelEntitlement', 'PUT', `${ENTITLEMENTS_V2}/${encodeURIComponent(id)}`, ctx, {
    json: { status: 'CANCELLED', cancelReasonCategory: reason.category, cancelReasonCode: reason.code },
  });
  // A 404 here comes from a tenant that answers (the call checked): the entitlement is not there.
  if (res.status === 404) return { outcome: 'absent', modified: false };
  if (res.status !== 200 && res.status !== 202) throw errorOf('cancelEntitlement', res);
  const body = updateResponseSchema.safeParse(res.body);
  return { outcome: 'cancelled', modified: body.success ? body.data.modifiedCount > 0 : true };
}

export async function getActivationInfo(
  call: OpenTvCall,
  id: string,
  ctx: CallContext,
): Promise<ActivationLink | null> {
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
}
