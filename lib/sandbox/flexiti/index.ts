import 'server-only';
import { createRouter } from '@/lib/sandbox/router';
import { applyEndpoint } from './apply';
import { merchantsLogin } from './merchants-login';
import { tokenEndpoint } from './tokens';
import { authorize } from './authorize';
import { capture, getAuthorization, listAuthorizations, release, returnCapture } from './transactions';
import { widgetInit, widgetOutcome } from './widget-sessions';

const V25 = '/flexiti/pos-api/v2.5';
// docs/partners/flexiti.md#api-versions: the transaction endpoints moved to v2.5.1.
const V251 = '/flexiti/pos-api/v2.5.1/client-id/:clientId';

/**
 * The Flexiti POS API sandbox (docs/partners/flexiti.md), mounted at
 * `/sandbox/flexiti`, so `FLEXITI_BASE_URL` = `${APP_URL}/sandbox/flexiti`. The widget page itself
 * is a Next page: app/sandbox/flexiti/widget/[clientId]/[key]/page.tsx.
 */
export const flexitiSandbox = createRouter([
  ['POST', `${V25}/oauth/token`, tokenEndpoint],
  ['POST', `${V25}/client-id/:clientId/merchants/login`, merchantsLogin],
  ['POST', `${V25}/client-id/:clientId/widget/init`, widgetInit],
  ['POST', `${V25}/client-id/:clientId/apply`, applyEndpoint],
  ['POST', `${V251}/authorization`, authorize],
  ['GET', `${V251}/authorizations`, listAuthorizations],
  ['GET', `${V251}/authorization/:authorizationId`, getAuthorization],
  ['POST', `${V251}/authorization/:authorizationId/capture`, capture],
  ['POST', `${V251}/authorization/:authorizationId/release`, release],
  ['POST', `${V251}/authorization/:authorizationId/capture/:captureId/return`, returnCapture],
  // Sandbox-only: the widget page records what the tester chose (not a Flexiti endpoint).
  ['POST', '/widget-api/:key/outcome', widgetOutcome],
]);
