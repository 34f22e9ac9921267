import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config-schema';
import { parseOpsUsers } from './ops-users';

const HASH = `scrypt.${'a'.repeat(22)}.${'b'.repeat(43)}`;

describe('OPS_USERS', () => {
  it('parses name:hash entries separated by commas (spaces and empty entries ignored)', () => {
    expect(parseOpsUsers(`alice:${HASH}, bob.qa:${HASH},`)).toEqual({
      ok: true,
      users: [
        { name: 'alice', hash: HASH },
        { name: 'bob.qa', hash: HASH },
      ],
    });
    expect(parseOpsUsers(undefined)).toEqual({ ok: true, users: [] });
  });

  it('names the entry and the reason for a bad one', () => {
    expect(parseOpsUsers(`alice:${HASH},bob:secret`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/entry 2 \(bob\).*hash/),
    });
    expect(parseOpsUsers(`Alice:${HASH}`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/entry 1.*name/),
    });
    expect(parseOpsUsers(`${HASH}`)).toMatchObject({ ok: false, message: expect.stringMatching(/entry 1/) });
    expect(parseOpsUsers(`al:${HASH},al:${HASH}`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/twice/),
    });
  });

  it('is part of the config contract: a bad value stops the app with OPS_USERS named', () => {
    expect(() => parseEnv({ OPS_USERS: 'alice:plaintext' })).toThrow(/OPS_USERS: entry 1 \(alice\)/);
    expect(parseEnv({ OPS_USERS: `alice:${HASH}` }).OPS_USERS).toBe(`alice:${HASH}`);
  });
});
