import 'server-only';

/**
 * Flipkart Ultra's door for server code (docs/partners/ultra.md): the client the rest of the app
 * calls for sign-in (grant exchange and profile) and OMS order reporting
 * (`ultraClient().exchangeGrant(…)`; a fresh `new UltraClient(settingsFromConfig())` for the health
 * checks), and the `secureToken` every call carries. Browser code uses ./browser.ts (the SDK
 * adapter). Errors extend PartnerError (`retryable`, `outcomeUnknown`).
 */
export { settingsFromConfig, UltraClient, ultraClient } from './client';
export { UltraBadGrantError, UltraUnavailableError } from './errors';
export { detectAnswerStyle, ULTRA_SCOPES, type UltraProfile } from './wire';
export { OMS_ORDER_STATES, OmsPermanentError, OmsRetryableError, type OmsOrderEvent, type OmsOrderState } from './oms';
export { createSecureTokenSigner } from './secure-token';
export { secureToken } from './signer';
