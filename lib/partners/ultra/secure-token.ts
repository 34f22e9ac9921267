import 'server-only';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

/**
 * The `secureToken` JWT sent on every Ultra call (docs/partners/ultra.md#secure-token-claims).
 * docs/partners/ultra.md#secure-token-claims: lifetime 300 s satisfies both the "≤ 100" and "≤ 1000" readings of the window rule.
 * docs/partners/ultra.md#secure-token-claims: `sub = iss` is included for stricter validators.
 * Reused until 60 s before it expires, so steady state costs no signature per request.
 */
export interface SecureTokenSigner {
  get(): Promise<string>;
  /** How many tokens were signed so far (benchmarks and tests). */
  readonly signed: number;
}

export const SECURE_TOKEN_LIFETIME_S = 300;
export const SECURE_TOKEN_RENEW_BEFORE_S = 60;

export function createSecureTokenSigner(opts: {
  clientId: string;
  privateKeyPem: string;
  now?: () => number;
}): SecureTokenSigner {
  // Node parses PKCS#1 ("BEGIN RSA PRIVATE KEY") and PKCS#8 alike (docs/partners/ultra.md#secure-token-claims "Signature").
  const key: KeyObject = createPrivateKey(opts.privateKeyPem);
  const now = opts.now ?? Date.now;
  let current: { token: string; exp: number } | undefined;
  let pending: Promise<string> | undefined;
  let signed = 0;

  async function sign(): Promise<string> {
    const iat = Math.floor(now() / 1000);
    const exp = iat + SECURE_TOKEN_LIFETIME_S;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(opts.clientId)
      .setSubject(opts.clientId)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(key);
    signed++;
    current = { token, exp };
    return token;
  }

  return {
    get() {
      const nowS = Math.floor(now() / 1000);
      if (current && current.exp - nowS > SECURE_TOKEN_RENEW_BEFORE_S) return Promise.resolve(current.token);
      // Single flight: concurrent callers share one signature.
      pending ??= sign().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    get signed() {
      return signed;
    },
  };
}
