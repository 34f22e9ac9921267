import 'server-only';
import { buildConfig, ConfigError, parseEnv, type AppConfig } from './config-schema';
import { loadOrCreateSecrets } from './generated-secrets';
import { setKnownSecrets } from './security/redact';

export type { AppConfig } from './config-schema';
export { ConfigError } from './config-schema';

// On globalThis: validated once per process, at start-up. Next bundles instrumentation, the proxy
// and the pages separately, each with its own copy of this module, and each used to parse the
// environment and read the generated secrets again on its first request.
const g = globalThis as unknown as { __appConfig?: AppConfig };

/**
 * The one place the environment is read. Validated once per process; a bad value throws a
 * ConfigError listing one line per bad variable (scripts/preflight.ts prints it and exits 1).
 */
export function getConfig(): AppConfig {
  if (g.__appConfig) return g.__appConfig;
  const raw = parseEnv(process.env);
  const dataDir = raw.DATA_DIR ?? `${process.cwd()}/.data`;
  const generated = raw.SANDBOX === 'on' ? loadOrCreateSecrets(dataDir) : null;
  const config = buildConfig(raw, generated, process.cwd());
  // Auth.js builds its own URLs from AUTH_URL, else from the Host and X-Forwarded-* headers, which
  // any client can write (a bad scheme there made every page a 500). Our public origin is APP_URL.
  process.env.AUTH_URL = `${config.appUrl}/api/auth`;
  setKnownSecrets([
    ...config.authSecrets,
    config.ultra.clientSecret,
    config.ultra.privateKey,
    config.flexiti.clientSecret,
    config.opentv.clientSecret,
    config.opentv.password,
    ...config.opentv.webhookSecrets,
  ]);
  g.__appConfig = config;
  return config;
}

/** Tests only: forget the cached configuration so the next call re-reads the environment. */
export function resetConfigForTests(): void {
  g.__appConfig = undefined;
}

export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof ConfigError;
}

/**
 * This server's own address, for proxy.ts's render of the shared signed-out pages
 * (lib/security/static-pages.ts): `next start` sets it once it listens (and PORT). Read at each
 * call, not cached with the configuration: it is known only after start-up.
 */
export function ownServerOrigin(): string | undefined {
  const origin = process.env['__NEXT_PRIVATE_ORIGIN'];
  return origin || (process.env.PORT ? `http://127.0.0.1:${process.env.PORT}` : undefined);
}

/** Where `next build` wrote its output (next.config.js: NEXT_DIST_DIR, else .next). */
export function buildOutputDir(): string {
  return `${process.cwd()}/${process.env.NEXT_DIST_DIR || '.next'}`;
}
