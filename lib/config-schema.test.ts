import { describe, expect, it } from 'vitest';
import { buildConfig, ConfigError, parseEnv, type GeneratedSecrets } from './config-schema';

const secrets: GeneratedSecrets = {
  authSecret: 'a'.repeat(43),
  ultraClientSecret: 'abc+/=',
  ultraPrivateKey: 'placeholder (buildConfig does not parse it)',
  flexitiClientId: 'fx-id',
  flexitiClientSecret: 'fx-secret',
  opentvClientId: 'crm_client',
  opentvClientSecret: 'ot-secret',
  opentvUsername: 'crm_client_user',
  opentvPassword: 'pw',
  opentvWebhookSecret: 'w'.repeat(32),
  sandboxKeycloakPrivateKey: 'k',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('configuration contract', () => {
  it('defaults to sandbox mode, PGlite and sandbox partner URLs under APP_URL', () => {
    const config = buildConfig(parseEnv({}), secrets, '/srv/app');
    expect(config.sandbox).toBe(true);
    expect(config.port).toBe(3000);
    expect(config.appUrl).toBe('http://localhost:3000');
    expect(config.database).toEqual({ kind: 'pglite', dir: '/srv/app/.data/pglite' });
    expect(config.ultra.platformUrl).toBe('http://localhost:3000/sandbox/ultra/platform');
    expect(config.ultra.omsUrl).toBe('http://localhost:3000/sandbox/ultra/oms');
    expect(config.ultra.merchantId).toBe('hotstar');
    expect(config.ultra.clientId).toBe('hotstar.test');
    expect(config.flexiti.baseUrl).toBe('http://localhost:3000/sandbox/flexiti');
    expect(config.flexiti.widgetOrigin).toBe('http://localhost:3000');
    expect(config.opentv.tokenUrl).toBe(
      'http://localhost:3000/sandbox/opentv/keycloak/auth/realms/nagra/protocol/openid-connect/token',
    );
    expect(config.opentv.grant).toBe('password');
    expect(config.currency).toBe('CAD');
    expect(config.authSecret).toBe(secrets.authSecret);
  });

  it('uses PostgreSQL when DATABASE_URL is set and follows PORT and APP_URL', () => {
    const config = buildConfig(
      parseEnv({
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
        PORT: '4000',
        APP_URL: 'https://shop.example/',
      }),
      secrets,
      '/srv/app',
    );
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(config.port).toBe(4000);
    expect(config.appUrl).toBe('https://shop.example');
    expect(config.flexiti.widgetOrigin).toBe('https://shop.example');
  });

  it('turns the sandbox off only when every partner URL is configured', () => {
    const urls = {
      ULTRA_PLATFORM_URL: 'https://platform.flipkart.net',
      ULTRA_OMS_URL: 'https://ultra.flipkart.net/ultra',
      FLEXITI_BASE_URL: 'https://posapi.flexiti.fi',
    };
    expect(parseEnv(urls).SANDBOX).toBe('on');
    expect(problemsOf({ ...urls, OPENTV_BASE_URL: 'https://operator.example' })).toContain(
      'AUTH_SECRET: required when SANDBOX=off',
    );
  });

  it('names every bad variable with what is expected, one line each', () => {
    expect(
      problemsOf({
        DATABASE_URL: 'notaurl',
        PORT: '70000',
        SANDBOX: 'maybe',
        ULTRA_MERCHANT_ID: 'hotstar.test',
        ULTRA_CLIENT_ID: 'hotstar',
        FLEXITI_BASE_URL: 'ftp://x',
        OPENTV_GRANT: 'implicit',
        ULTRA_PRIVATE_KEY: 'not a key',
        AUTH_SECRET: 'short',
        FLEXITI_WIDGET_ORIGIN: 'https://widget.example/path',
      }).sort(),
    ).toEqual(
      [
        'AUTH_SECRET: must be at least 32 characters',
        'DATABASE_URL: must be a postgres:// URL',
        'FLEXITI_BASE_URL: must be an http:// or https:// URL',
        'FLEXITI_WIDGET_ORIGIN: must be an origin (scheme, host and port, no path)',
        'OPENTV_GRANT: must be "password" or "client_credentials"',
        'PORT: must be a whole number from 1 to 65535',
        'SANDBOX: must be "on" or "off"',
        'ULTRA_CLIENT_ID: must be merchant.app, e.g. hotstar.test',
        'ULTRA_MERCHANT_ID: must be the merchant id without a dot, e.g. hotstar',
        'ULTRA_PRIVATE_KEY: must be a PEM private key (PKCS#1 "BEGIN RSA PRIVATE KEY" or PKCS#8 "BEGIN PRIVATE KEY")',
      ].sort(),
    );
  });

  it('lists every missing secret when the sandbox is off', () => {
    const problems = problemsOf({ SANDBOX: 'off' });
    expect(problems).toContain('ULTRA_PLATFORM_URL: required when SANDBOX=off');
    expect(problems).toContain('ULTRA_PRIVATE_KEY: required when SANDBOX=off');
    expect(problems).toContain('OPENTV_USERNAME: required when SANDBOX=off and OPENTV_GRANT=password');
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: ' ' }).DATABASE_URL).toBeUndefined();
  });
});
