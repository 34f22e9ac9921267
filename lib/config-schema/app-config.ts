import type { ProxyTrust } from '../security/client-address';

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
