import 'server-only';
import type { KeyObject } from 'node:crypto';
import { exportJWK } from 'jose';
import { getConfig } from '@/lib/config';
import { publicKeyOf } from './secure-token';

/**
 * The merchants registered with the Ultra sandbox: in sandbox mode the storefront's own public
 * key (derived from the configured or generated private key in `.data/`) is registered under its
 * client id, as onboarding would (docs/partners/ultra.md#client-id-forms "sharing your RSA public key").
 */
let registry: { pem: string; keys: Map<string, KeyObject> } | undefined;

export function registeredKeys(): ReadonlyMap<string, KeyObject> {
  const { ultra } = getConfig();
  if (!registry || registry.pem !== ultra.privateKey) {
    registry = { pem: ultra.privateKey, keys: new Map([[ultra.clientId, publicKeyOf(ultra.privateKey)]]) };
  }
  return registry.keys;
}

/** The registered keys as a JWKS (served by the platform sandbox for inspection). */
export async function registeredJwks(): Promise<{ keys: Record<string, unknown>[] }> {
  const keys = [];
  for (const [kid, key] of registeredKeys()) keys.push({ ...(await exportJWK(key)), kid, alg: 'RS256', use: 'sig' });
  return { keys };
}
