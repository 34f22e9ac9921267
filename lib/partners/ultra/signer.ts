import 'server-only';
import { getConfig } from '@/lib/config';
import { createSecureTokenSigner, type SecureTokenSigner } from './secure-token';

/**
 * The process's one `secureToken` signer (docs/partners/ultra.md#secure-token-claims), shared by every Ultra call (SSO,
 * OMS). Kept on globalThis so Next's separate bundles (routes, instrumentation) share it too; a new
 * one is made when the configured client id or key changes (tests switch configs).
 */
const globalForSigner = globalThis as unknown as {
  __ultraSigner?: { clientId: string; pem: string; signer: SecureTokenSigner };
};

export function getSecureTokenSigner(): SecureTokenSigner {
  const { clientId, privateKey } = getConfig().ultra;
  const current = globalForSigner.__ultraSigner;
  if (current && current.clientId === clientId && current.pem === privateKey) return current.signer;
  const signer = createSecureTokenSigner({ clientId, privateKeyPem: privateKey });
  globalForSigner.__ultraSigner = { clientId, pem: privateKey, signer };
  return signer;
}

/** The header value for the next Ultra call. */
export function secureToken(): Promise<string> {
  return getSecureTokenSigner().get();
}
