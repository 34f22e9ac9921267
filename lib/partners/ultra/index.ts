import 'server-only';
import { checkSecureToken } from './client';

/**
 * Flipkart Ultra's door for server code (docs/partners/ultra.md): sign-in (grant exchange and
 * profile), OMS order reporting, and the `secureToken` every call carries. Browser code uses
 * ./browser.ts (the SDK adapter). Errors extend PartnerError (`retryable`, `outcomeUnknown`).
 */
export {
  exchangeGrant,
  fetchResources,
  ULTRA_SCOPES,
  type UltraProfile,
  type UltraScope,
  UltraAuthError,
  UltraBadGrantError,
  UltraError,
  UltraProtocolError,
  UltraUnavailableError,
} from './client';
export {
  OMS_ORDER_STATES,
  OmsPermanentError,
  OmsRetryableError,
  reportOrderState,
  type OmsDelivery,
  type OmsOrderEvent,
  type OmsOrderState,
} from './oms';
export { createSecureTokenSigner, type SecureTokenSigner } from './secure-token';
export { secureToken } from './signer';

/** For the health page: does Flipkart accept our `secureToken` right now (docs/partners/ultra.md#dummy)? Throws if not. */
export function checkCredentials(ctx: { correlationId?: string } = {}): Promise<void> {
  return checkSecureToken(ctx);
}
