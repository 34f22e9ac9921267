import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { OPS_HASH_PATTERN } from '@/lib/config-schema/ops-users';

/**
 * Staff password hashes for OPS_USERS: `scrypt.<salt>.<hash>` (base64url, no `:`, `,` or `$`, so
 * the value survives env files and docker-compose interpolation). scrypt with N=2^14, r=8, p=1
 * (16 MiB, under node's default maxmem) and a 32-byte key: node's own KDF, no new dependency.
 */
const PARAMS: ScryptOptions = { N: 16_384, r: 8, p: 1 };
const KEY_LEN = 32;
const PREFIX = 'scrypt';

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LEN, PARAMS, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashOpsPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt);
  return `${PREFIX}.${salt.toString('base64url')}.${key.toString('base64url')}`;
}

/** Constant-time comparison; false (never a throw) for a malformed hash. */
export async function verifyOpsPassword(password: string, hash: string): Promise<boolean> {
  if (!OPS_HASH_PATTERN.test(hash)) return false;
  const [, saltText, keyText] = hash.split('.');
  const expected = Buffer.from(keyText!, 'base64url');
  if (expected.length !== KEY_LEN) return false;
  const actual = await derive(password, Buffer.from(saltText!, 'base64url'));
  return timingSafeEqual(actual, expected);
}
