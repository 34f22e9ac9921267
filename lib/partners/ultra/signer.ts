import 'server-only';
import { getConfig } from '@/lib/config';
import { cachedClient } from '@/lib/partners/client-cache';
import { createSecureTokenSigner, type SecureTokenSigner } from './secure-token';

/**
 * The process's one `secureToken` signer (docs/partners/ultra.md#secure-token-claims), shared by every Ultra call (SSO,
 * OMS), kept like every partner client (client-cache.ts); a new one is made when the configured
 * client id or key changes (tests switch configs).
 */
export function getSecureTokenSigner(): SecureTokenSigner {
  const { clientId, privateKey } = getConfig().ultra;
  return cachedClient('ultra.signer', `${clientId}|${privateKey}`, () =>
    createSecureTokenSigner({ clientId, privateKeyPem: privateKey }),
  );
}

/** The header value for the next Ultra call. */
export function secureToken(): Promise<string> {
  return getSecureTokenSigner().get();
}
