import { z } from 'zod';
import { parseOpsUsers } from './ops/ops-users';
import { parseProxyTrust, type ProxyTrust } from './security/client-address';

/**
 * The configuration contract (docs/deploy.md#configuration): variable names are fixed,
 * deployments and external test harnesses use them. This module is pure (no I/O) so the rules
 * can be tested with any environment; `lib/config.ts` is the one place that reads `process.env`.
 */

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

const httpUrl = z
  .string()
  .refine((v) => /^https?:\/\/[^/\s]+/.test(v) && URL.canParse(v), 'must be an http:// or https:// URL')
  .transform((v) => v.replace(/\/+$/, ''));

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/.+/.test(v) && URL.canParse(v), 'must be a postgres:// URL');

const onOff = z.enum(['on', 'off'], { error: 'must be "on" or "off"' });

const port = z.coerce
  .number({ error: 'must be a whole number from 1 to 65535' })
  .int('must be a whole number from 1 to 65535')
  .min(1, 'must be a whole number from 1 to 65535')
  .max(65535, 'must be a whole number from 1 to 65535');

const pem = z
  .string()
  .transform((v) => v.replace(/\\n/g, '\n').trim())
  .refine(
    (v) => /^-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----$/.test(v),
    'must be a PEM private key (PKCS#1 "BEGIN RSA PRIVATE KEY" or PKCS#8 "BEGIN PRIVATE KEY")',
  );

const secret = (min: number) => z.string().min(min, `must be at least ${min} characters`);

/**
 * One secret, or several separated by commas while it is rotated: the first signs, every one is
 * accepted (docs/deploy.md#rotate-auth_secret). Each must be long enough on its own.
 */
const secretList = (min: number) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(secret(min)).min(1, 'must hold at least one secret'));

const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `must be ${what}` })
    .int(`must be ${what}`)
    .positive(`must be ${what}`);

/** Raw variables as they come from the environment (strings), validated one by one. */
export const envSchema = z.object({
  PORT: opt(port),
  APP_URL: opt(httpUrl),
  DATABASE_URL: opt(postgresUrl),
  DATA_DIR: opt(z.string()),
  AUTH_SECRET: opt(secretList(32)),
  SANDBOX: opt(onOff),
  // The sandbox beside a DATABASE_URL or on a non-loopback APP_URL: an explicit "this is a public
  // demo (or a throwaway test database)", never implied (docs/deploy.md#sandbox-safety).
  SANDBOX_PUBLIC_DEMO: opt(z.enum(['yes', 'no'], { error: 'must be "yes" or "no"' })),
  // The storefront this sandbox serves when it runs apart from it, on another origin (README
  // "Production path: the sandbox on its own origin"): the OpenTV sandbox's webhook goes there and
  // that origin may frame the Flexiti widget and the consent sheet. Default: APP_URL (one app).
  SANDBOX_STORE_URL: opt(httpUrl),

  ULTRA_PLATFORM_URL: opt(httpUrl),
  ULTRA_OMS_URL: opt(httpUrl),
  // docs/partners/ultra.md#client-id-forms: the merchant id has no dot; the client id is `merchant.app`.
  ULTRA_MERCHANT_ID: opt(z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be the merchant id without a dot, e.g. hotstar')),
  ULTRA_CLIENT_ID: opt(
    z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+$/, 'must be merchant.app, e.g. hotstar.test'),
  ),
  ULTRA_CLIENT_SECRET: opt(secret(8)),
  ULTRA_PRIVATE_KEY: opt(pem),

  FLEXITI_BASE_URL: opt(httpUrl),
  FLEXITI_CLIENT_ID: opt(z.string().max(100, 'must be at most 100 characters')),
  FLEXITI_CLIENT_SECRET: opt(z.string().max(100, 'must be at most 100 characters')),
  FLEXITI_WIDGET_ORIGIN: opt(
    httpUrl.refine((v) => new URL(v).origin === v, 'must be an origin (scheme, host and port, no path)'),
  ),

  OPENTV_BASE_URL: opt(httpUrl),
  OPENTV_TOKEN_URL: opt(httpUrl),
  OPENTV_GRANT: opt(
    z.enum(['password', 'client_credentials'], { error: 'must be "password" or "client_credentials"' }),
  ),
  OPENTV_CLIENT_ID: opt(z.string()),
  OPENTV_CLIENT_SECRET: opt(z.string()),
  OPENTV_USERNAME: opt(z.string()),
  OPENTV_PASSWORD: opt(z.string()),
  OPENTV_TENANT_ID: opt(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, dot, dash or underscore')),
  OPENTV_WEBHOOK_SECRET: opt(secretList(16)),
  // Sandbox only: the life of the Flexiti sandbox's customer tokens (tests of a flow that outlives its token).
  SANDBOX_FLEXITI_TOKEN_SECONDS: opt(
    positiveInt('a whole number of seconds, 2 to 1200').refine((n) => n >= 2 && n <= 1200, 'must be 2 to 1200 seconds'),
  ),

  // Beyond the fixed contract: product settings with safe defaults.
  STORE_CURRENCY: opt(z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO currency code, e.g. CAD')),
  RETURN_WINDOW_DAYS: opt(positiveInt('a whole number of days, at least 1')),
  OUTBOX_MAX_ATTEMPTS: opt(positiveInt('a whole number, at least 1')),
  // Off when the outbox runs only in separate `npm run worker` processes.
  OUTBOX_WORKER: opt(onOff),
  OMS_TIMESTAMP_UNIT: opt(z.enum(['ms', 's'], { error: 'must be "ms" or "s"' })),
  // docs/partners/ultra.md#answer-styles: how the built-in Ultra platform sandbox answers (tests run both).
  SANDBOX_ULTRA_STYLE: opt(z.enum(['bare', 'envelope'], { error: 'must be "bare" or "envelope"' })),
  // Where "Start watching" on an active order goes (the merchant's player or app link).
  WATCH_URL: opt(httpUrl),
  // The Flexiti Cardholder Agreement the apply form links to (the merchant's copy from Flexiti).
  FLEXITI_AGREEMENT_URL: opt(httpUrl),
  // Payment reconciliation (lib/orders/payment/reconcile.ts) and the entitlement status poll.
  PAYMENT_RECONCILE_GRACE_SECONDS: opt(positiveInt('a whole number of seconds, at least 1')),
  PAYMENT_NOT_FOUND_AFTER_SECONDS: opt(positiveInt('a whole number of seconds, at least 1')),
  ENTITLEMENT_POLL_SECONDS: opt(positiveInt('a whole number of seconds, at least 1')),
  // Who may write X-Forwarded-For (lib/security/client-address.ts): a hop count or CIDR ranges.
  TRUSTED_PROXIES: opt(
    z.string().superRefine((v, ctx) => {
      const parsed = parseProxyTrust(v);
      if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
    }),
  ),
  // Data retention (lib/retention/prune.ts), in days.
  RETENTION_CALL_LOG_DAYS: opt(positiveInt('a whole number of days, at least 1')),
  RETENTION_AUDIT_DAYS: opt(positiveInt('a whole number of days, at least 1')),
  RETENTION_EVENT_DETAILS_DAYS: opt(positiveInt('a whole number of days, at least 1')),
  // Customer sign-in limits (lib/auth/sign-in-limits.ts): each attempt is a call to Flipkart.
  SIGN_IN_PER_ADDRESS_PER_MINUTE: opt(positiveInt('a whole number, at least 1')),
  SIGN_IN_BUDGET_PER_MINUTE: opt(positiveInt('a whole number, at least 1')),
  // Staff accounts for /ops: `name:scrypt.<salt>.<hash>` entries separated by commas (lib/ops/ops-users.ts).
  OPS_USERS: opt(
    z.string().superRefine((v, ctx) => {
      const parsed = parseOpsUsers(v);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }),
  ),
});

export type RawEnv = z.infer<typeof envSchema>;

/** Secrets that sandbox mode generates once into the data folder when they are not configured. */
export interface GeneratedSecrets {
  authSecret: string;
  ultraClientSecret: string;
  ultraPrivateKey: string;
  flexitiClientId: string;
  flexitiClientSecret: string;
  opentvClientId: string;
  opentvClientSecret: string;
  opentvUsername: string;
  opentvPassword: string;
  opentvWebhookSecret: string;
  /** Private key the OpenTV sandbox's Keycloak signs its access tokens with. */
  sandboxKeycloakPrivateKey: string;
}

export interface AppConfig {
  port: number;
  appUrl: string;
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };
  dataDir: string;
  /** Signs new sessions. */
  authSecret: string;
  /** `authSecret` first, then older ones still accepted while AUTH_SECRET is rotated. */
  authSecrets: string[];
  sandbox: boolean;
  currency: string;
  returnWindowDays: number;
  outboxMaxAttempts: number;
  /** Run the outbox worker loop inside the web server (instrumentation.ts). */
  outboxWorker: boolean;
  /** "Start watching" on an active order: WATCH_URL, else the store's own /watch page. */
  watchUrl: string;
  payments: {
    /** After this long, an authorization request with no decision is reconciled (a crash, a lost answer). */
    reconcileGraceMs: number;
    /** Nothing found at Flexiti this long after the request: the payment failed. */
    notFoundAfterMs: number;
  };
  /** How often entitlements still PENDING are read back from OpenTV (the webhook is the fast path). */
  entitlementPollMs: number;
  ultra: {
    platformUrl: string;
    omsUrl: string;
    merchantId: string;
    clientId: string;
    clientSecret: string;
    privateKey: string;
    /** docs/partners/ultra.md#oms-timestamps: seconds as Flipkart's sample, unless OMS_TIMESTAMP_UNIT=ms; the OMS sandbox reads the same. */
    omsTimestampUnit: 'ms' | 's';
    /** How the Ultra platform sandbox answers by default (the ops sandbox page can override it). */
    sandboxAnswerStyle: 'bare' | 'envelope';
  };
  flexiti: {
    baseUrl: string;
    clientId: string;
    clientSecret: string;
    widgetOrigin: string;
    /** The Cardholder Agreement the apply form links to: FLEXITI_AGREEMENT_URL, the sandbox's copy, or none. */
    agreementUrl: string | null;
    /** Sandbox only: how long its customer tokens live (Flexiti: 1200 s). */
    sandboxCustomerTokenSeconds: number;
  };
  opentv: {
    baseUrl: string;
    tokenUrl: string;
    grant: 'password' | 'client_credentials';
    clientId: string;
    clientSecret: string;
    username: string;
    password: string;
    tenantId: string;
    /** What the sandbox's OPF signs with. */
    webhookSecret: string;
    /** Every secret a webhook signature may use (rotation): `webhookSecret` first. */
    webhookSecrets: string[];
  };
  opsUsers: string | undefined;
  /** How long the call log, the staff audit and order events' partner details are kept (days). */
  retention: { callLogDays: number; auditDays: number; eventDetailsDays: number };
  /** Whose X-Forwarded-For entries are believed when keying per-address limits. */
  trustedProxies: ProxyTrust;
  /** Customer sign-ins (each one Flipkart grant exchange): per client address, and for the whole store. */
  signInLimits: { perAddressPerMinute: number; budgetPerMinute: number };
  sandboxSecrets: { keycloakPrivateKey: string };
  /** The storefront the sandbox serves: APP_URL, or SANDBOX_STORE_URL when the sandbox runs on its own origin. */
  sandboxStoreUrl: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
  }
}

const PARTNER_URLS = ['ULTRA_PLATFORM_URL', 'ULTRA_OMS_URL', 'FLEXITI_BASE_URL', 'OPENTV_BASE_URL'] as const;
/** With the sandbox off nothing can be generated: these must come from the environment. */
const REQUIRED_WHEN_REAL = [
  'AUTH_SECRET',
  'ULTRA_CLIENT_SECRET',
  'ULTRA_PRIVATE_KEY',
  'FLEXITI_CLIENT_ID',
  'FLEXITI_CLIENT_SECRET',
  'OPENTV_CLIENT_ID',
  'OPENTV_TENANT_ID',
  'OPENTV_WEBHOOK_SECRET',
] as const;

/** Any variable naming a partner endpoint or credential: one of them given means "real partners". */
const isPartnerSetting = (name: string) => /^(ULTRA|FLEXITI|OPENTV)_/.test(name);

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** What real partners need that `raw` lacks, one `NAME: why` line each. */
function missingForReal(raw: RawEnv, why: string): string[] {
  const problems: string[] = [];
  for (const k of [...PARTNER_URLS, ...REQUIRED_WHEN_REAL]) if (!raw[k]) problems.push(`${k}: ${why}`);
  if ((raw.OPENTV_GRANT ?? 'password') === 'password') {
    for (const k of ['OPENTV_USERNAME', 'OPENTV_PASSWORD'] as const)
      if (!raw[k]) problems.push(`${k}: ${why} and OPENTV_GRANT=password`);
  } else if (!raw.OPENTV_CLIENT_SECRET) {
    problems.push(`OPENTV_CLIENT_SECRET: ${why} and OPENTV_GRANT=client_credentials`);
  }
  if (!raw.APP_URL) problems.push(`APP_URL: ${why} (the public https:// origin)`);
  else {
    const url = new URL(raw.APP_URL);
    if (url.protocol !== 'https:' && !LOOPBACK_HOSTS.test(url.hostname))
      problems.push('APP_URL: must be https:// when SANDBOX=off (http:// only for a loopback host)');
    // A public origin is served through proxies; which of them may write X-Forwarded-For decides
    // every per-address limit (docs/deploy.md#client-addresses). Loopback test runs need none.
    if (!LOOPBACK_HOSTS.test(url.hostname)) {
      if (!raw.TRUSTED_PROXIES)
        problems.push(
          `TRUSTED_PROXIES: ${why} with a public APP_URL (the number of proxies in front that append to X-Forwarded-For, e.g. 1, or their CIDR ranges)`,
        );
      else if (raw.TRUSTED_PROXIES.trim() === '0')
        problems.push(
          'TRUSTED_PROXIES: 0 believes any X-Forwarded-For a client sends; a public APP_URL is reached through proxies: give their number or CIDR ranges',
        );
    }
  }
  return problems;
}

/** Partner endpoints: with the sandbox on, each must be this app or another loopback host. */
const PARTNER_ENDPOINTS = [...PARTNER_URLS, 'OPENTV_TOKEN_URL', 'FLEXITI_WIDGET_ORIGIN'] as const;

/**
 * Why the sandbox must not start here (docs/deploy.md#sandbox-safety): it has a demo staff password,
 * "Reset" (truncates nearly every table) and persona sign-in, so it never comes up beside a
 * real partner endpoint, and beside a DATABASE_URL or a public APP_URL only with an explicit
 * SANDBOX_PUBLIC_DEMO=yes.
 */
function sandboxProblems(raw: RawEnv): string[] {
  const problems: string[] = [];
  for (const k of PARTNER_ENDPOINTS) {
    const v = raw[k];
    if (v && !LOOPBACK_HOSTS.test(new URL(v).hostname))
      problems.push(
        `${k}: ${new URL(v).host} is a real partner endpoint, refused with the sandbox on (set SANDBOX=off for real partners, or leave it unset)`,
      );
  }
  if (raw.SANDBOX_PUBLIC_DEMO === 'yes') return problems;
  const optIn = 'set SANDBOX_PUBLIC_DEMO=yes only if this really is a public demo or a throwaway database';
  if (raw.DATABASE_URL)
    problems.push(
      `DATABASE_URL: the sandbox (demo staff password, Reset, persona sign-in) refuses to start on a PostgreSQL database that may hold production data; ${optIn}`,
    );
  if (raw.APP_URL && !LOOPBACK_HOSTS.test(new URL(raw.APP_URL).hostname))
    problems.push(
      `APP_URL: ${new URL(raw.APP_URL).host} is not a loopback host, and the sandbox (demo staff password, Reset, persona sign-in) refuses to start on a public address; ${optIn}`,
    );
  // The sandbox sends signed webhooks there and lets it frame the widget and the consent sheet.
  if (raw.SANDBOX_STORE_URL && !LOOPBACK_HOSTS.test(new URL(raw.SANDBOX_STORE_URL).hostname))
    problems.push(
      `SANDBOX_STORE_URL: ${new URL(raw.SANDBOX_STORE_URL).host} is not a loopback host; the sandbox serves a store elsewhere only as a public demo; ${optIn}`,
    );
  return problems;
}

/**
 * Validates the raw environment: one message per bad variable, `NAME: what is expected`.
 * Fails closed (docs: README "Configuration"): the sandbox is on only with `SANDBOX=on` or when no
 * partner setting at all is given; any partner setting without `SANDBOX=on` means real partners,
 * and then every partner URL and secret, and an https `APP_URL`, must be there.
 */
export function parseEnv(env: Record<string, string | undefined>): RawEnv {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`));
  }
  const raw = result.data;
  const partnerSettings = Object.keys(raw).filter((k) => isPartnerSetting(k) && raw[k as keyof RawEnv] !== undefined);
  const sandbox = raw.SANDBOX ?? (partnerSettings.length === 0 ? 'on' : 'off');
  if (sandbox === 'on') {
    const problems = sandboxProblems(raw);
    if (problems.length) throw new ConfigError(problems);
  }
  if (sandbox === 'off') {
    const why = raw.SANDBOX ? 'required when SANDBOX=off' : 'required for real partners';
    const problems = missingForReal(raw, why);
    if (problems.length && !raw.SANDBOX)
      problems.unshift(
        `SANDBOX: unset while partner settings are given (${partnerSettings.join(', ')}), so real partners are used; set SANDBOX=on for the sandbox`,
      );
    if (problems.length) throw new ConfigError(problems);
  }
  return { ...raw, SANDBOX: sandbox };
}

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
