import { randomBytes } from 'node:crypto';
import { loadOrCreateSecrets } from '@/lib/generated-secrets';

/**
 * The production path on one machine (README "Production path"): a sandbox-only instance of the
 * build on its own origin, and the store with SANDBOX=off calling it as it would call the real
 * partners. What they share is what onboarding hands over: the sandbox generates the partner
 * credentials into its data folder (sandbox-secrets.json: the Ultra key pair it registers under
 * our client id, the Ultra client secret, Flexiti and Keycloak credentials, the OpenTV webhook
 * secret) and the store is configured with them. The store's own AUTH_SECRET is its own.
 */
export interface SplitSetup {
  storeUrl: string;
  sandboxUrl: string;
  /** The sandbox instance: SANDBOX=on, serving the store at SANDBOX_STORE_URL. */
  sandboxEnv: NodeJS.ProcessEnv;
  /** The store: SANDBOX=off, every partner variable pointing at the sandbox's origin. */
  storeEnv: NodeJS.ProcessEnv;
}

export function splitSetup(opts: {
  storeUrl: string;
  sandboxUrl: string;
  storeDataDir: string;
  sandboxDataDir: string;
}): SplitSetup {
  const { storeUrl, sandboxUrl } = opts;
  const s = loadOrCreateSecrets(opts.sandboxDataDir);
  const sb = `${sandboxUrl}/sandbox`;
  const common = { NODE_ENV: 'production' as const, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: '' };
  return {
    storeUrl,
    sandboxUrl,
    sandboxEnv: {
      ...common,
      SANDBOX: 'on',
      APP_URL: sandboxUrl,
      DATA_DIR: opts.sandboxDataDir,
      SANDBOX_STORE_URL: storeUrl,
    },
    storeEnv: {
      ...common,
      SANDBOX: 'off',
      APP_URL: storeUrl,
      DATA_DIR: opts.storeDataDir,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      ULTRA_PLATFORM_URL: `${sb}/ultra/platform`,
      ULTRA_OMS_URL: `${sb}/ultra/oms`,
      ULTRA_CLIENT_SECRET: s.ultraClientSecret,
      ULTRA_PRIVATE_KEY: s.ultraPrivateKey,
      FLEXITI_BASE_URL: `${sb}/flexiti`,
      FLEXITI_CLIENT_ID: s.flexitiClientId,
      FLEXITI_CLIENT_SECRET: s.flexitiClientSecret,
      OPENTV_BASE_URL: `${sb}/opentv`,
      OPENTV_CLIENT_ID: s.opentvClientId,
      OPENTV_CLIENT_SECRET: s.opentvClientSecret,
      OPENTV_USERNAME: s.opentvUsername,
      OPENTV_PASSWORD: s.opentvPassword,
      OPENTV_TENANT_ID: 'sandbox-tenant',
      OPENTV_WEBHOOK_SECRET: s.opentvWebhookSecret,
    },
  };
}
