import 'server-only';
import { getDb } from '@/lib/db/client';
import { recordOpsAction } from '@/lib/ops/audit';
import { createRouter, json, type SandboxHandler } from '@/lib/sandbox/router';
import { staffOnlyHandler } from '@/lib/sandbox/staff-only';

type Route = Parameters<typeof createRouter>[0][number];
import { createAccount, getAccount } from './accounts';
import { activateEntitlement } from './activation';
import { activationInfo, createEntitlement, deleteEntitlement, updateEntitlement } from './entitlements';
import { listEntitlements } from './entitlement-list';
import { injectedFault } from './faults';
import { certsEndpoint, tokenEndpoint } from './keycloak';

/**
 * The OpenTV Platform (Nagra) sandbox, served under `/sandbox/opentv` (= the default
 * OPENTV_BASE_URL). Keycloak realm `nagra` at the three paths of docs/partners/opentv.md#keycloak-paths; the CRM gateway, ADM and
 * TPES operator APIs of docs/partners/opentv.md; and a sandbox-only hook to activate without the page.
 */

const token: SandboxHandler = async (req) => {
  const fault = await injectedFault(await getDb(), 'keycloak');
  return fault ?? tokenEndpoint(req);
};

const REALM_PREFIXES = ['/keycloak/auth/realms/nagra', '/auth/realms/nagra', '/realms/nagra'];

/**
 * Test/QA hook: what the activation page's button does, by entitlement id instead of the customer's
 * link. Staff only and audited: without it anyone who guessed an id could activate a stranger's plan.
 */
const activateHook = staffOnlyHandler('activate an entitlement', async (_req, staff, { params }) => {
  const db = await getDb();
  const result = await activateEntitlement(db, { entitlementId: params.id! });
  if (result.ok)
    await recordOpsAction(db, { actor: staff, action: 'sandbox.entitlement-activated', target: result.entitlementId });
  if (!result.ok)
    return json({ error: result.reason, message: result.message }, result.reason === 'not_found' ? 404 : 409);
  return json({
    entitlementId: result.entitlementId,
    status: 'ACTIVE',
    alreadyActive: result.alreadyActive,
    webhookDelivered: result.webhookDelivered,
  });
});

export const opentvSandbox = createRouter([
  ...REALM_PREFIXES.flatMap((p): Route[] => [
    ['POST', `${p}/protocol/openid-connect/token`, token],
    ['GET', `${p}/protocol/openid-connect/certs`, () => certsEndpoint()],
  ]),
  ['POST', '/adm/v1/accounts', createAccount],
  ['POST', '/adm/v1/accounts/preHashedPassword', createAccount],
  ['GET', '/adm/v1/accounts/:id', getAccount],
  ['POST', '/crm-gateway/v2/rmg/v1/entitlements', createEntitlement],
  // docs/partners/opentv.md#update-and-cancel: cancel is documented both as POST and PUT.
  [['PUT', 'POST'], '/crm-gateway/v2/rmg/v1/entitlements/:id', updateEntitlement],
  ['DELETE', '/crm-gateway/v2/rmg/v1/entitlements/:id', deleteEntitlement],
  ['GET', '/crm-gateway/v1/rmg/v1/entitlements', listEntitlements],
  ['GET', '/tpes/v1/operator/entitlements/:id/activationinfo', activationInfo],
  ['POST', '/sandbox/entitlements/:id/activate', activateHook],
]);
