import 'server-only';
import { checkSecureToken, type UltraAnswerStyle } from './client';

/**
 * Flipkart Ultra's door for server code (docs/partners/ultra.md): sign-in (grant exchange and
 * profile), OMS order reporting, and the `secureToken` every call carries. Browser code uses
 * ./browser.ts (the SDK adapter). Errors extend PartnerError (`retryable`, `outcomeUnknown`).
 */
export {
  detectAnswerStyle,
  exchangeGrant,
  fetchResources,
  ULTRA_SCOPES,
  type UltraAnswerStyle,
  type UltraProfile,
  UltraBadGrantError,
  UltraUnavailableError,
} from './client';
export {
  OMS_ORDER_STATES,
  OmsPermanentError,
  OmsRetryableError,
  reportOrderState,
  type OmsOrderEvent,
  type OmsOrderState,
} from './oms';
export { createSecureTokenSigner } from './secure-token';
export { secureToken } from './signer';

/**
 * For the health page and `npm run partners:check`: does Flipkart accept our `secureToken` right now
 * (docs/partners/ultra.md#dummy)? Throws if not; otherwise says whether the platform answered bare or in the
 * envelope (docs/partners/ultra.md#answer-styles).
 */
export function checkCredentials(ctx: { correlationId?: string } = {}): Promise<{ style: UltraAnswerStyle }> {
  return checkSecureToken(ctx);
}
