import { z } from 'zod';
import { parseOpsUsers } from './ops-users';
import { parseProxyTrust } from '../security/client-address';
import { httpUrl, onOff, opt, pem, port, positiveInt, postgresUrl, secret, secretList } from './env-fields';

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
  // Staff accounts for /ops: `name:scrypt.<salt>.<hash>` entries separated by commas (ops-users.ts).
  OPS_USERS: opt(
    z.string().superRefine((v, ctx) => {
      const parsed = parseOpsUsers(v);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }),
  ),
});

export type RawEnv = z.infer<typeof envSchema>;
