import 'server-only';

/**
 * OpenTV's door (docs/partners/opentv.md): the client the rest of the app calls
 * (`openTvClient().createEntitlement(…)`; a fresh `new OpenTvClient(settingsFromConfig())` for the
 * health checks) and the entitlement webhook. Errors extend PartnerError: OpenTvError (a partner
 * answer to act on), OpenTvAuthError (credentials: do not retry), OpenTvUnavailableError (retry later).
 */
export { OpenTvClient, openTvClient, settingsFromConfig } from './client';
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
