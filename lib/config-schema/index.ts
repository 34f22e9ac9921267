/**
 * The configuration contract (docs/deploy.md#configuration): variable names are fixed,
 * deployments and external test harnesses use them. This module is pure (no I/O) so the rules
 * can be tested with any environment; `lib/config.ts` is the one place that reads `process.env`.
 */

export { ConfigError, type AppConfig, type GeneratedSecrets } from './app-config';
export { buildConfig, describePartners } from './build-config';
export { parseEnv } from './parse-env';
