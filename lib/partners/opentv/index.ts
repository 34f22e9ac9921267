import 'server-only';
import { openTvClient, settingsFromConfig, type CreateEntitlementInput } from './client';
import { KeycloakTokenCache } from './token-cache';
import type { CallContext, ReasonPair } from './types';

/**
 * OpenTV's door (docs/partners/opentv.md): the client API the rest of the app calls and the
 * entitlement webhook. Errors extend PartnerError: OpenTvError (a partner answer to act on),
 * OpenTvAuthError (credentials: do not retry), OpenTvUnavailableError (retry later).
 */
export { createOpenTvClient, settingsFromConfig, type CreateEntitlementInput } from './client';
export { isPurchaseRefused, OpenTvAuthError, OpenTvError, OpenTvTenantError, OpenTvUnavailableError } from './errors';
export { entitlementIdForOrder } from './ids';
export { safeActivationUrl } from './activation-url';
export type * from './types';
export {
  ENTITLEMENT_STATUSES,
  entitlementEventSchema,
  OPENTV_SIGNATURE_HEADER,
  signWebhook,
  verifyWebhookSignature,
  type EntitlementEvent,
} from './webhook';

export const createEntitlement = (input: CreateEntitlementInput) => openTvClient().createEntitlement(input);
export const getEntitlement = (id: string, ctx?: CallContext) => openTvClient().getEntitlement(id, ctx);
export const cancelEntitlement = (id: string, reason: ReasonPair, ctx?: CallContext) =>
  openTvClient().cancelEntitlement(id, reason, ctx);
export const getAccount = (id: string, ctx?: CallContext) => openTvClient().getAccount(id, ctx);
export const createAccount = (input: { signonId: string; id?: string; password?: string } & CallContext) =>
  openTvClient().createAccount(input);

/**
 * The harmless tenant read (docs/partners/opentv.md#tenant-404) for the health page and
 * `npm run partners:check`: resolves when OpenTV knows OPENTV_TENANT_ID; throws OpenTvTenantError
 * when it answers 404, another PartnerError when it cannot say. Creates nothing.
 */
export const checkTenant = (ctx?: CallContext) => openTvClient().checkTenant(ctx);

/** For the health page: a fresh operator token from Keycloak (a new cache, whatever the app's holds). Throws if refused. */
export async function checkCredentials(ctx: { correlationId?: string } = {}): Promise<void> {
  await new KeycloakTokenCache(settingsFromConfig().keycloak).getToken(ctx.correlationId);
}
