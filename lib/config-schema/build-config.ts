import { parseProxyTrust, type ProxyTrust } from '../security/client-address';
import { ConfigError, type AppConfig, type GeneratedSecrets } from './app-config';
import type { RawEnv } from './env-schema';

/** The one start-up line: sandbox or real, and which partner hosts the app will call. */
export function describePartners(config: Pick<AppConfig, 'sandbox' | 'appUrl' | 'ultra' | 'flexiti' | 'opentv'>) {
  const host = (u: string) => new URL(u).host;
  const hosts = [
    `ultra ${host(config.ultra.platformUrl)}`,
    `oms ${host(config.ultra.omsUrl)}`,
    `flexiti ${host(config.flexiti.baseUrl)} (widget ${host(config.flexiti.widgetOrigin)})`,
    `opentv ${host(config.opentv.baseUrl)}`,
    `keycloak ${host(config.opentv.tokenUrl)}`,
  ].join(', ');
  return config.sandbox
    ? `partners: SANDBOX on, simulated by this app at ${config.appUrl}/sandbox (${hosts})`
    : `partners: REAL (sandbox off): ${hosts}`;
}

/** Builds the app's configuration from validated variables, filling defaults and generated secrets. */
export function buildConfig(raw: RawEnv, generated: GeneratedSecrets | null, cwd: string): AppConfig {
  const port = raw.PORT ?? 3000;
  const appUrl = raw.APP_URL ?? `http://localhost:${port}`;
  const dataDir = raw.DATA_DIR ?? `${cwd}/.data`;
  const g = generated;
  const need = <T>(value: T | undefined, fallback: T | undefined, name: string): T => {
    const v = value ?? fallback;
    if (v === undefined) throw new ConfigError([`${name}: required when SANDBOX=off`]);
    return v;
  };
  const flexitiBaseUrl = raw.FLEXITI_BASE_URL ?? `${appUrl}/sandbox/flexiti`;
  const opentvBaseUrl = raw.OPENTV_BASE_URL ?? `${appUrl}/sandbox/opentv`;
  const authSecrets = need(raw.AUTH_SECRET, g ? [g.authSecret] : undefined, 'AUTH_SECRET');
  const webhookSecrets = need(
    raw.OPENTV_WEBHOOK_SECRET,
    g ? [g.opentvWebhookSecret] : undefined,
    'OPENTV_WEBHOOK_SECRET',
  );
  return {
    port,
    appUrl,
    database: raw.DATABASE_URL
      ? { kind: 'postgres', url: raw.DATABASE_URL }
      : { kind: 'pglite', dir: `${dataDir}/pglite` },
    dataDir,
    authSecret: authSecrets[0]!,
    authSecrets,
    sandbox: raw.SANDBOX === 'on',
    currency: raw.STORE_CURRENCY ?? 'CAD',
    returnWindowDays: raw.RETURN_WINDOW_DAYS ?? 7,
    outboxMaxAttempts: raw.OUTBOX_MAX_ATTEMPTS ?? 8,
    outboxWorker: (raw.OUTBOX_WORKER ?? 'on') === 'on',
    watchUrl: raw.WATCH_URL ?? `${appUrl}/watch`,
    payments: {
      reconcileGraceMs: (raw.PAYMENT_RECONCILE_GRACE_SECONDS ?? 30) * 1000,
      notFoundAfterMs: (raw.PAYMENT_NOT_FOUND_AFTER_SECONDS ?? 90) * 1000,
    },
    entitlementPollMs: (raw.ENTITLEMENT_POLL_SECONDS ?? 300) * 1000,
    ultra: {
      platformUrl: raw.ULTRA_PLATFORM_URL ?? `${appUrl}/sandbox/ultra/platform`,
      omsUrl: raw.ULTRA_OMS_URL ?? `${appUrl}/sandbox/ultra/oms`,
      merchantId: raw.ULTRA_MERCHANT_ID ?? 'hotstar',
      clientId: raw.ULTRA_CLIENT_ID ?? 'hotstar.test',
      clientSecret: need(raw.ULTRA_CLIENT_SECRET, g?.ultraClientSecret, 'ULTRA_CLIENT_SECRET'),
      privateKey: need(raw.ULTRA_PRIVATE_KEY, g?.ultraPrivateKey, 'ULTRA_PRIVATE_KEY'),
      omsTimestampUnit: raw.OMS_TIMESTAMP_UNIT ?? 's',
      sandboxAnswerStyle: raw.SANDBOX_ULTRA_STYLE ?? 'bare',
    },
    flexiti: {
      baseUrl: flexitiBaseUrl,
      clientId: need(raw.FLEXITI_CLIENT_ID, g?.flexitiClientId, 'FLEXITI_CLIENT_ID'),
      clientSecret: need(raw.FLEXITI_CLIENT_SECRET, g?.flexitiClientSecret, 'FLEXITI_CLIENT_SECRET'),
      widgetOrigin: raw.FLEXITI_WIDGET_ORIGIN ?? new URL(flexitiBaseUrl).origin,
      agreementUrl:
        raw.FLEXITI_AGREEMENT_URL ?? (raw.SANDBOX === 'on' ? `${appUrl}/sandbox/flexiti/cardholder-agreement` : null),
      sandboxCustomerTokenSeconds: raw.SANDBOX_FLEXITI_TOKEN_SECONDS ?? 1200,
    },
    opentv: {
      baseUrl: opentvBaseUrl,
      tokenUrl: raw.OPENTV_TOKEN_URL ?? `${opentvBaseUrl}/keycloak/auth/realms/nagra/protocol/openid-connect/token`,
      grant: raw.OPENTV_GRANT ?? 'password',
      clientId: need(raw.OPENTV_CLIENT_ID, g?.opentvClientId, 'OPENTV_CLIENT_ID'),
      clientSecret: raw.OPENTV_CLIENT_SECRET ?? g?.opentvClientSecret ?? '',
      username: raw.OPENTV_USERNAME ?? g?.opentvUsername ?? '',
      password: raw.OPENTV_PASSWORD ?? g?.opentvPassword ?? '',
      tenantId: raw.OPENTV_TENANT_ID ?? 'sandbox-tenant',
      webhookSecret: webhookSecrets[0]!,
      webhookSecrets,
    },
    opsUsers: raw.OPS_USERS,
    retention: {
      callLogDays: raw.RETENTION_CALL_LOG_DAYS ?? 30,
      auditDays: raw.RETENTION_AUDIT_DAYS ?? 365,
      eventDetailsDays: raw.RETENTION_EVENT_DETAILS_DAYS ?? 90,
    },
    trustedProxies: raw.TRUSTED_PROXIES
      ? (parseProxyTrust(raw.TRUSTED_PROXIES) as ProxyTrust)
      : { kind: 'hops', hops: 0 },
    // The limits protect our merchant's standing at Flipkart; the sandbox has none to protect, and
    // e2e, chaos and demos sign in from one loopback address many times a minute.
    signInLimits: {
      perAddressPerMinute: raw.SIGN_IN_PER_ADDRESS_PER_MINUTE ?? (raw.SANDBOX === 'on' ? 600 : 10),
      budgetPerMinute: raw.SIGN_IN_BUDGET_PER_MINUTE ?? (raw.SANDBOX === 'on' ? 6000 : 120),
    },
    sandboxSecrets: { keycloakPrivateKey: g?.sandboxKeycloakPrivateKey ?? '' },
    sandboxStoreUrl: raw.SANDBOX_STORE_URL ?? appUrl,
  };
}
