import 'server-only';
import { openTvClient, type CreateEntitlementInput } from './client';
import type { CallContext, ReasonPair } from './types';

/**
 * The OpenTV client API the rest of the app calls. Errors: OpenTvError (a partner answer to act
 * on), OpenTvAuthError (credentials: do not retry), OpenTvUnavailableError (retry later).
 */
export { createOpenTvClient, openTvClient, type CreateEntitlementInput, type OpenTvClient } from './client';
export { isAccountClash } from './client';
export { OpenTvAuthError, OpenTvError, OpenTvUnavailableError } from './errors';
export { entitlementIdForOrder } from './ids';
export { KeycloakTokenCache } from './token-cache';
export type * from './types';

export const createEntitlement = (input: CreateEntitlementInput) => openTvClient().createEntitlement(input);
export const getEntitlement = (id: string, ctx?: CallContext) => openTvClient().getEntitlement(id, ctx);
export const cancelEntitlement = (id: string, reason: ReasonPair, ctx?: CallContext) =>
  openTvClient().cancelEntitlement(id, reason, ctx);
export const getActivationInfo = (id: string, ctx?: CallContext) => openTvClient().getActivationInfo(id, ctx);
export const getAccount = (id: string, ctx?: CallContext) => openTvClient().getAccount(id, ctx);
export const createAccount = (input: { signonId: string; id?: string; password?: string } & CallContext) =>
  openTvClient().createAccount(input);
