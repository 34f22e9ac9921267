import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publicKeyOf, verifySecureToken } from '@/test/support/sandbox';
import { createSecureTokenSigner } from './secure-token';

const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();

describe('secureToken signer', () => {
  it('signs RS256 with iss = sub = clientId and exp - iat = 300, from a PKCS#1 key', async () => {
    let now = 1_700_000_000_000;
    const signer = createSecureTokenSigner({ clientId: 'hotstar.test', privateKeyPem: pkcs1, now: () => now });
    const token = await signer.get();
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(payload).toMatchObject({ iss: 'hotstar.test', sub: 'hotstar.test' });
    expect(payload.exp - payload.iat).toBe(300);
    const result = await verifySecureToken(token, {
      keys: new Map([['hotstar.test', publicKeyOf(pkcs1)]]),
      nowMs: now,
    });
    expect(result).toEqual({ ok: true, iss: 'hotstar.test' });
    now += 1000;
    expect(await signer.get()).toBe(token);
  });

  it('reuses the token until 60 s before expiry, then signs a new one', async () => {
    let now = 1_700_000_000_000;
    const signer = createSecureTokenSigner({ clientId: 'hotstar.test', privateKeyPem: pkcs1, now: () => now });
    const first = await signer.get();
    now += 239_000; // 61 s left
    expect(await signer.get()).toBe(first);
    expect(signer.signed).toBe(1);
    now += 2_000; // 59 s left
    const second = await signer.get();
    expect(second).not.toBe(first);
    expect(signer.signed).toBe(2);
  });

  it('signs once for many concurrent callers', async () => {
    const signer = createSecureTokenSigner({ clientId: 'hotstar.test', privateKeyPem: pkcs1 });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => signer.get()));
    expect(new Set(tokens).size).toBe(1);
    expect(signer.signed).toBe(1);
  });
});
