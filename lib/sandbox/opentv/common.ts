import 'server-only';
import { getConfig } from '@/lib/config';

/** Where the OpenTV sandbox is served (`SANDBOX_MOUNTS.opentv`). */
export function sandboxBaseUrl(): string {
  return `${getConfig().appUrl}/sandbox/opentv`;
}

/** The `iss` of sandbox Keycloak tokens: Nagra's `/keycloak/auth/realms/nagra` layout (docs/partners/opentv.md#keycloak-grant). */
export function keycloakIssuer(): string {
  return `${sandboxBaseUrl()}/keycloak/auth/realms/nagra`;
}

/** Lifetimes of Nagra's Keycloak defaults (docs/partners/opentv.md#keycloak-grant, #keycloak-lifetimes). */
export const ACCESS_TOKEN_TTL_S = 300;
export const REFRESH_TOKEN_TTL_S = 1800;
/** ssoSessionMaxLifespan (docs/partners/opentv.md#keycloak-lifetimes): refreshing cannot extend a session beyond this. */
export const SESSION_MAX_S = 36_000;
/** How long a Bango activation link stays valid (simulator-defined; Bango does not publish it). */
export const ACTIVATION_URL_TTL_S = 24 * 3600;
