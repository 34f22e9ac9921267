import { describe, expect, it } from 'vitest';
import { OPS_HASH_PATTERN } from '@/lib/config-schema/ops-users';
import { hashOpsPassword, verifyOpsPassword } from './password';

describe('staff password hashes (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashOpsPassword('correct horse battery');
    expect(hash).toMatch(OPS_HASH_PATTERN);
    expect(await verifyOpsPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyOpsPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyOpsPassword('', hash)).toBe(false);
  });

  it('salts every hash: the same password hashes differently, both verify', async () => {
    const [a, b] = await Promise.all([hashOpsPassword('same password!'), hashOpsPassword('same password!')]);
    expect(a).not.toBe(b);
    expect(await verifyOpsPassword('same password!', a)).toBe(true);
    expect(await verifyOpsPassword('same password!', b)).toBe(true);
  });

  it('refuses (never throws on) a malformed or truncated hash', async () => {
    const hash = await hashOpsPassword('p4ssword-long');
    for (const bad of ['', 'plain', hash.slice(0, -5), hash.replace('scrypt.', 'bcrypt.'), `${hash}.x`]) {
      expect(await verifyOpsPassword('p4ssword-long', bad)).toBe(false);
    }
  });
});
