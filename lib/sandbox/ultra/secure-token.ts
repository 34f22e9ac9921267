import 'server-only';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';

/**
 * Flipkart's side of the `secureToken` check, in the order of docs/partners/ultra.md#secure-token-checks:
 * three sections (11); alg RS256; iss present (12); a key registered for iss (10); signature;
 * iat ≤ now + skew; exp > now; exp − iat ≤ 1000 (docs/partners/ultra.md#secure-token-claims optional strict-100 mode).
 * `typ` is accepted in any case; `sub` is required only in strict-sub mode (docs/partners/ultra.md#secure-token-claims).
 */

export type SecureTokenFailure =
  | 'missing'
  | 'sections'
  | 'alg'
  | 'typ'
  | 'iss'
  | 'unregistered'
  | 'signature'
  | 'iat_future'
  | 'expired'
  | 'window'
  | 'sub';

export type SecureTokenResult = { ok: true; iss: string } | { ok: false; reason: SecureTokenFailure; message: string };

export interface VerifyOptions {
  /** Registered public keys by issuer (clientId, `merchant.app`). */
  keys: ReadonlyMap<string, KeyObject>;
  nowMs?: number;
  skewS?: number;
  maxWindowS?: number;
  requireSub?: boolean;
}

const MESSAGES: Record<SecureTokenFailure, string> = {
  missing: 'secureToken header is missing',
  sections: 'JWT does not contain three sections',
  alg: 'JWT alg must be RS256',
  typ: 'JWT typ must be JWT',
  iss: 'JWT does not contain clientId',
  unregistered: 'Invalid public key for merchant id',
  signature: 'JWT signature does not verify against the registered public key',
  iat_future: 'JWT iat must be in the past',
  expired: 'JWT exp must be in the future',
  window: 'JWT exp - iat must not be greater than 1000',
  sub: 'JWT does not contain sub',
};

const fail = (reason: SecureTokenFailure, message = MESSAGES[reason]): SecureTokenResult => ({
  ok: false,
  reason,
  message,
});

function decodePayload(token: string): Record<string, unknown> | null {
  try {
    const json = Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8');
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function verifySecureToken(
  token: string | null | undefined,
  opts: VerifyOptions,
): Promise<SecureTokenResult> {
  if (!token) return fail('missing');
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) return fail('sections');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return fail('sections');
  }
  if (header.alg !== 'RS256') return fail('alg');
  if (header.typ !== undefined && String(header.typ).toUpperCase() !== 'JWT') return fail('typ');
  const payload = decodePayload(token);
  if (!payload) return fail('sections');
  const iss = typeof payload.iss === 'string' && payload.iss ? payload.iss : null;
  if (!iss) return fail('iss');
  const key = opts.keys.get(iss);
  if (!key) return fail('unregistered');
  try {
    await compactVerify(token, key, { algorithms: ['RS256'] });
  } catch {
    return fail('signature');
  }
  const nowS = Math.floor((opts.nowMs ?? Date.now()) / 1000);
  const skew = opts.skewS ?? 30;
  const iat = typeof payload.iat === 'number' ? payload.iat : NaN;
  const exp = typeof payload.exp === 'number' ? payload.exp : NaN;
  if (!Number.isFinite(iat) || iat > nowS + skew) return fail('iat_future');
  if (!Number.isFinite(exp) || exp <= nowS) return fail('expired');
  const maxWindow = opts.maxWindowS ?? 1000;
  if (exp - iat > maxWindow) return fail('window', `JWT exp - iat must not be greater than ${maxWindow}`);
  if (opts.requireSub && !(typeof payload.sub === 'string' && payload.sub)) return fail('sub');
  return { ok: true, iss };
}

/** The public half of a PEM private key (PKCS#1 or PKCS#8), for registering a merchant. */
export function publicKeyOf(privateKeyPem: string): KeyObject {
  return createPublicKey(privateKeyPem);
}
