import { decode, encode } from '@auth/core/jwt';
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConfig, ConfigError, parseEnv } from './config-schema';
import { loadOrCreateSecrets } from './generated-secrets';

/** AUTH_SECRET and OPENTV_WEBHOOK_SECRET take a comma-separated list while a secret is rotated. */
const NEW = 'n'.repeat(40);
const OLD = 'o'.repeat(40);
/** Real generated sandbox secrets for everything else (AUTH_SECRET and the webhook secret come from env). */
const generated = loadOrCreateSecrets(mkdtempSync(join(tmpdir(), 'config-rotation-')));

const problemsOf = (env: Record<string, string>) => {
  const thrown = (() => {
    try {
      parseEnv(env);
    } catch (e) {
      return e;
    }
  })();
  return thrown instanceof ConfigError ? thrown.problems : [];
};

describe('secret rotation in the configuration', () => {
  it('the first secret of a list signs, every one is accepted; one secret is a list of one', () => {
    const env = { SANDBOX: 'on', AUTH_SECRET: ` ${NEW} , ${OLD} `, OPENTV_WEBHOOK_SECRET: `${OLD},${NEW}` };
    const config = buildConfig(parseEnv(env), generated, '/srv/app');
    expect(config.authSecret).toBe(NEW);
    expect(config.authSecrets).toEqual([NEW, OLD]);
    expect(config.opentv.webhookSecret).toBe(OLD);
    expect(config.opentv.webhookSecrets).toEqual([OLD, NEW]);
    const single = buildConfig(
      parseEnv({ SANDBOX: 'on', AUTH_SECRET: NEW, OPENTV_WEBHOOK_SECRET: OLD }),
      generated,
      '/x',
    );
    expect(single.authSecrets).toEqual([NEW]);
    expect(single.opentv.webhookSecrets).toEqual([OLD]);
  });

  it('every secret of a list must be long enough on its own, and a list needs one', () => {
    expect(problemsOf({ AUTH_SECRET: `${NEW},short` })).toEqual(['AUTH_SECRET: must be at least 32 characters']);
    expect(problemsOf({ OPENTV_WEBHOOK_SECRET: ',' })).toEqual([
      'OPENTV_WEBHOOK_SECRET: must hold at least one secret',
    ]);
  });

  it('a customer session cookie made under the old secret is still read while both are listed', async () => {
    const salt = '__Secure-authjs.session-token';
    const cookie = await encode({ token: { sub: 'customer-1' }, secret: OLD, salt });
    const config = buildConfig(parseEnv({ SANDBOX: 'on', AUTH_SECRET: `${NEW},${OLD}` }), generated, '/srv/app');
    expect(await decode({ token: cookie, secret: config.authSecrets, salt })).toMatchObject({ sub: 'customer-1' });
    await expect(decode({ token: cookie, secret: [NEW], salt })).rejects.toThrow();
  });
});
