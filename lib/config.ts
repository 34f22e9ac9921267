import 'server-only';
import { buildConfig, ConfigError, parseEnv, type AppConfig } from './config-schema';
import { loadOrCreateSecrets } from './generated-secrets';

export type { AppConfig } from './config-schema';
export { ConfigError } from './config-schema';

let cached: AppConfig | undefined;

/**
 * The one place the environment is read. Validated once per process; a bad value throws a
 * ConfigError listing one line per bad variable (scripts/preflight.ts prints it and exits 1).
 */
export function getConfig(): AppConfig {
  if (cached) return cached;
  const raw = parseEnv(process.env);
  const dataDir = raw.DATA_DIR ?? `${process.cwd()}/.data`;
  const generated = raw.SANDBOX === 'on' ? loadOrCreateSecrets(dataDir) : null;
  cached = buildConfig(raw, generated, process.cwd());
  // Auth.js builds its own URLs from AUTH_URL, else from the Host and X-Forwarded-* headers, which
  // any client can write (a bad scheme there made every page a 500). Our public origin is APP_URL.
  process.env.AUTH_URL = `${cached.appUrl}/api/auth`;
  return cached;
}

/** Tests only: forget the cached configuration so the next call re-reads the environment. */
export function resetConfigForTests(): void {
  cached = undefined;
}

export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof ConfigError;
}
