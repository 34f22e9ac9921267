import 'server-only';

/**
 * Fault injection from `sandbox_settings` (row `opentv` for the operator APIs, `keycloak` for the
 * token endpoint): added latency, a random 503 rate, and a forced error (optionally for the next
 * `times` calls only). One mechanism for every sandbox: see lib/sandbox/controls.ts.
 */
export { injectedFault } from '@/lib/sandbox/controls';
