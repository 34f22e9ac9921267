import { describe, expect, it } from 'vitest';
import { buildConfig, ConfigError, describePartners, parseEnv, type GeneratedSecrets } from './config-schema';

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

// eslint-disable-next-line max-lines-per-function -- a describe block of one concern; its tests share the environment fixtures
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
        SANDBOX_PUBLIC_DEMO: 'yes',
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

  // A PEM-shaped placeholder, assembled so the source never holds what looks like a committed key.
  const pemEdge = (edge: 'BEGIN' | 'END') => `-----${edge} PRIVATE KEY-----`;
  const realEnv = {
    APP_URL: 'https://shop.example',
    AUTH_SECRET: 'a'.repeat(43),
    ULTRA_PLATFORM_URL: 'https://platform.flipkart.net',
    ULTRA_OMS_URL: 'https://ultra.flipkart.net/ultra',
    ULTRA_CLIENT_SECRET: 'ultra-secret',
    ULTRA_PRIVATE_KEY: `${pemEdge('BEGIN')}\\nMIIfake\\n${pemEdge('END')}`,
    FLEXITI_BASE_URL: 'https://posapi.flexiti.fi',
    FLEXITI_CLIENT_ID: 'fx-id',
    FLEXITI_CLIENT_SECRET: 'fx-secret',
    OPENTV_BASE_URL: 'https://operator.example',
    OPENTV_CLIENT_ID: 'crm',
    OPENTV_TENANT_ID: 'tenant',
    OPENTV_USERNAME: 'user',
    OPENTV_PASSWORD: 'pw',
    OPENTV_WEBHOOK_SECRET: 'w'.repeat(32),
    TRUSTED_PROXIES: '1',
  };

  describe('fails closed', () => {
    it('is the sandbox with no partner setting at all, or with SANDBOX=on and loopback partner URLs', () => {
      expect(parseEnv({}).SANDBOX).toBe('on');
      expect(parseEnv({ APP_URL: 'http://127.0.0.1:3100' }).SANDBOX).toBe('on');
      expect(parseEnv({ SANDBOX: 'on', ULTRA_PLATFORM_URL: 'http://127.0.0.1:9/x' }).SANDBOX).toBe('on');
    });

    describe('the sandbox stays a sandbox', () => {
      const optIn = 'set SANDBOX_PUBLIC_DEMO=yes only if this really is a public demo or a throwaway database';
      it('refuses a production-looking start (DATABASE_URL, public APP_URL) without the explicit opt-in', () => {
        expect(problemsOf({ APP_URL: 'https://shop.example', DATABASE_URL: 'postgres://h/db' })).toEqual([
          `DATABASE_URL: the sandbox (demo staff password, Reset, persona sign-in) refuses to start on a PostgreSQL database that may hold production data; ${optIn}`,
          `APP_URL: shop.example is not a loopback host, and the sandbox (demo staff password, Reset, persona sign-in) refuses to start on a public address; ${optIn}`,
        ]);
        expect(problemsOf({ SANDBOX: 'on', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' })).toHaveLength(1);
        expect(problemsOf({ SANDBOX: 'on', APP_URL: 'http://192.168.1.20:3000' })[0]).toMatch(/^APP_URL: 192\.168/);
        expect(problemsOf({ SANDBOX: 'on', SANDBOX_PUBLIC_DEMO: 'no', APP_URL: 'https://x.example' })).toHaveLength(1);
      });

      it('serves a store on another origin (SANDBOX_STORE_URL): loopback, or a public demo only with the opt-in', () => {
        const split = { SANDBOX: 'on', APP_URL: 'http://127.0.0.2:3101', SANDBOX_STORE_URL: 'http://127.0.0.1:3100' };
        expect(buildConfig(parseEnv(split), secrets, '/app').sandboxStoreUrl).toBe('http://127.0.0.1:3100');
        expect(buildConfig(parseEnv({ APP_URL: 'http://127.0.0.2:3101' }), secrets, '/app').sandboxStoreUrl).toBe(
          'http://127.0.0.2:3101',
        );
        expect(problemsOf({ ...split, SANDBOX_STORE_URL: 'https://shop.example' })).toEqual([
          `SANDBOX_STORE_URL: shop.example is not a loopback host; the sandbox serves a store elsewhere only as a public demo; ${optIn}`,
        ]);
      });

      it('starts a public demo or a throwaway database only with SANDBOX_PUBLIC_DEMO=yes', () => {
        const env = { APP_URL: 'https://demo.example', DATABASE_URL: 'postgres://h/db', SANDBOX_PUBLIC_DEMO: 'yes' };
        expect(parseEnv(env).SANDBOX).toBe('on');
        expect(problemsOf({ ...env, SANDBOX_PUBLIC_DEMO: 'true' })).toEqual([
          'SANDBOX_PUBLIC_DEMO: must be "yes" or "no"',
        ]);
      });

      it('refuses SANDBOX=on beside a real partner endpoint, even for a public demo', () => {
        const problems = problemsOf({
          SANDBOX: 'on',
          SANDBOX_PUBLIC_DEMO: 'yes',
          ULTRA_PLATFORM_URL: 'https://platform.flipkart.net',
          OPENTV_TOKEN_URL: 'https://keycloak.operator.example/token',
          FLEXITI_WIDGET_ORIGIN: 'https://widget.flexiti.fi',
        });
        expect(problems).toEqual([
          'ULTRA_PLATFORM_URL: platform.flipkart.net is a real partner endpoint, refused with the sandbox on (set SANDBOX=off for real partners, or leave it unset)',
          'OPENTV_TOKEN_URL: keycloak.operator.example is a real partner endpoint, refused with the sandbox on (set SANDBOX=off for real partners, or leave it unset)',
          'FLEXITI_WIDGET_ORIGIN: widget.flexiti.fi is a real partner endpoint, refused with the sandbox on (set SANDBOX=off for real partners, or leave it unset)',
        ]);
      });
    });

    it('is real partners with a complete configuration and SANDBOX unset', () => {
      expect(parseEnv(realEnv).SANDBOX).toBe('off');
      expect(parseEnv({ ...realEnv, SANDBOX: 'off' }).SANDBOX).toBe('off');
    });

    it('refuses a partial partner configuration, naming what is missing', () => {
      const problems = problemsOf({
        APP_URL: 'https://shop.example',
        ULTRA_PLATFORM_URL: 'https://platform.flipkart.net',
        ULTRA_CLIENT_SECRET: 'ultra-secret',
      });
      expect(problems[0]).toMatch(
        /^SANDBOX: unset while partner settings are given \(ULTRA_PLATFORM_URL, ULTRA_CLIENT_SECRET\)/,
      );
      expect(problems).toContain('ULTRA_OMS_URL: required for real partners');
      expect(problems).toContain('FLEXITI_BASE_URL: required for real partners');
      expect(problems).toContain('AUTH_SECRET: required for real partners');
      expect(problems).toContain('OPENTV_PASSWORD: required for real partners and OPENTV_GRANT=password');
      expect(problems.join('\n')).not.toMatch(/ULTRA_PLATFORM_URL: required|ULTRA_CLIENT_SECRET: required/);
    });

    it('names a single missing partner variable', () => {
      const { FLEXITI_CLIENT_SECRET: _dropped, ...partial } = realEnv;
      void _dropped;
      expect(problemsOf(partial).slice(1)).toEqual(['FLEXITI_CLIENT_SECRET: required for real partners']);
      expect(problemsOf({ ...partial, SANDBOX: 'off' })).toEqual(['FLEXITI_CLIENT_SECRET: required when SANDBOX=off']);
    });

    it('requires APP_URL when the sandbox is off', () => {
      const { APP_URL: _dropped, ...noUrl } = realEnv;
      void _dropped;
      expect(problemsOf({ ...noUrl, SANDBOX: 'off' })).toEqual([
        'APP_URL: required when SANDBOX=off (the public https:// origin)',
      ]);
    });

    it('requires an https APP_URL when the sandbox is off, except on a loopback host', () => {
      const err = 'APP_URL: must be https:// when SANDBOX=off (http:// only for a loopback host)';
      expect(problemsOf({ ...realEnv, SANDBOX: 'off', APP_URL: 'http://shop.example' })).toEqual([err]);
      expect(problemsOf({ ...realEnv, SANDBOX: 'off', APP_URL: 'http://10.0.0.5:3000' })).toEqual([err]);
      for (const local of ['http://localhost:3000', 'http://127.0.0.1:3200', 'http://[::1]:3000'])
        expect(problemsOf({ ...realEnv, SANDBOX: 'off', APP_URL: local })).toEqual([]);
      // A public sandbox demo (opted in) may run on plain http (a laptop demo on the LAN).
      expect(problemsOf({ SANDBOX: 'on', SANDBOX_PUBLIC_DEMO: 'yes', APP_URL: 'http://shop.example' })).toEqual([]);
    });

    it('requires TRUSTED_PROXIES (not 0) with real partners on a public APP_URL, and refuses garbage', () => {
      const { TRUSTED_PROXIES: _dropped, ...noProxies } = realEnv;
      void _dropped;
      expect(problemsOf({ ...noProxies, SANDBOX: 'off' })).toEqual([
        'TRUSTED_PROXIES: required when SANDBOX=off with a public APP_URL (the number of proxies in front that append to X-Forwarded-For, e.g. 1, or their CIDR ranges)',
      ]);
      expect(problemsOf({ ...realEnv, SANDBOX: 'off', TRUSTED_PROXIES: '0' })[0]).toMatch(
        /^TRUSTED_PROXIES: 0 believes any/,
      );
      expect(problemsOf({ ...realEnv, TRUSTED_PROXIES: 'lb.internal' })).toEqual([
        'TRUSTED_PROXIES: "lb.internal" is neither a hop count (0–10) nor an IP address or CIDR range (10.0.0.0/8, 2001:db8::/32)',
      ]);
      expect(buildConfig(parseEnv({ ...realEnv, TRUSTED_PROXIES: '10.0.0.0/8' }), null, '/srv').trustedProxies).toEqual(
        {
          kind: 'ranges',
          ranges: ['10.0.0.0/8'],
        },
      );
      // Loopback runs (CI's split sandbox, e2e) need no proxy setting.
      expect(problemsOf({ ...noProxies, SANDBOX: 'off', APP_URL: 'http://127.0.0.1:3200' })).toEqual([]);
    });

    it('limits customer sign-ins to 10 a minute per address and 120 for the store with real partners; the sandbox far higher', () => {
      expect(buildConfig(parseEnv(realEnv), null, '/srv').signInLimits).toEqual({
        perAddressPerMinute: 10,
        budgetPerMinute: 120,
      });
      expect(buildConfig(parseEnv({}), secrets, '/srv').signInLimits).toEqual({
        perAddressPerMinute: 600,
        budgetPerMinute: 6000,
      });
      const set = { ...realEnv, SIGN_IN_PER_ADDRESS_PER_MINUTE: '5', SIGN_IN_BUDGET_PER_MINUTE: '50' };
      expect(buildConfig(parseEnv(set), null, '/srv').signInLimits).toEqual({
        perAddressPerMinute: 5,
        budgetPerMinute: 50,
      });
    });

    it('says at start-up whether the partners are simulated or real, and which hosts', () => {
      expect(describePartners(buildConfig(parseEnv({}), secrets, '/srv'))).toMatch(
        /^partners: SANDBOX on, simulated by this app at http:\/\/localhost:3000\/sandbox \(ultra localhost:3000/,
      );
      const real = describePartners(buildConfig(parseEnv(realEnv), null, '/srv'));
      expect(real).toContain('partners: REAL (sandbox off)');
      for (const host of ['platform.flipkart.net', 'ultra.flipkart.net', 'posapi.flexiti.fi', 'operator.example'])
        expect(real).toContain(host);
    });
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
    // The whole list, so an operator fixes everything in one go (and none is left to buildConfig).
    expect(problemsOf({ SANDBOX: 'off' })).toEqual([
      ...[
        'ULTRA_PLATFORM_URL',
        'ULTRA_OMS_URL',
        'FLEXITI_BASE_URL',
        'OPENTV_BASE_URL',
        'AUTH_SECRET',
        'ULTRA_CLIENT_SECRET',
        'ULTRA_PRIVATE_KEY',
        'FLEXITI_CLIENT_ID',
        'FLEXITI_CLIENT_SECRET',
        'OPENTV_CLIENT_ID',
        'OPENTV_TENANT_ID',
        'OPENTV_WEBHOOK_SECRET',
      ].map((k) => `${k}: required when SANDBOX=off`),
      'OPENTV_USERNAME: required when SANDBOX=off and OPENTV_GRANT=password',
      'OPENTV_PASSWORD: required when SANDBOX=off and OPENTV_GRANT=password',
      'APP_URL: required when SANDBOX=off (the public https:// origin)',
    ]);
  });

  it('sends "Start watching" to WATCH_URL, else to the store\'s own /watch page', () => {
    expect(buildConfig(parseEnv({}), secrets, '/srv/app').watchUrl).toBe('http://localhost:3000/watch');
    const set = buildConfig(parseEnv({ WATCH_URL: 'https://watch.example.com/tv/' }), secrets, '/srv/app');
    expect(set.watchUrl).toBe('https://watch.example.com/tv');
    expect(problemsOf({ WATCH_URL: 'javascript:alert(1)' })).toEqual(['WATCH_URL: must be an http:// or https:// URL']);
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: ' ' }).DATABASE_URL).toBeUndefined();
  });
});
