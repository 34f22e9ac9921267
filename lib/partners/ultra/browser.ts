/**
 * Flipkart Ultra's door for browser code: the SDK adapter (docs/partners/ultra.md#sdk). Nothing
 * here reaches the server or a secret.
 */
export {
  FlipkartAppRequired,
  getGrantToken,
  SANDBOX_USER_AGENT_SUFFIX,
  SDK_ERROR,
  SdkRejection,
  type ScopeRequest,
} from './sdk';
