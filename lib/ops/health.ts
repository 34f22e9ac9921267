import 'server-only';
import { getConfig } from '@/lib/config';
import { checkCredentials as checkFlexiti } from '@/lib/partners/flexiti';
import { newCorrelationId } from '@/lib/partners/http';
import { checkCredentials as checkOpenTv, checkTenant as checkOpenTvTenant } from '@/lib/partners/opentv';
import { checkCredentials as checkUltra } from '@/lib/partners/ultra';

/**
 * Partner health for the console: does each credential work right now, and how fast. Every
 * check is a real call through the partner clients (so it is in the call log too); tokens are
 * fetched fresh and thrown away, never shown.
 */
export interface HealthCheck {
  id: 'ultra' | 'keycloak' | 'opentv' | 'flexiti' | 'oms';
  partner: string;
  check: string;
  baseUrl: string;
  /** null: nothing to check without side effects. */
  ok: boolean | null;
  latencyMs: number | null;
  detail: string;
}

/** An error's message without anything that looks like a token (they are never in messages, but be safe). */
export function describeError(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return text.replace(/[A-Za-z0-9_-]{24,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, '[token]').slice(0, 300);
}

/** A check may return a sentence of what else it learnt, shown after "credentials accepted". */
async function timed(fn: () => Promise<unknown>): Promise<{ ok: boolean; latencyMs: number; detail: string }> {
  const started = performance.now();
  try {
    const more = await fn();
    const detail = typeof more === 'string' ? `credentials accepted; ${more}` : 'credentials accepted';
    return { ok: true, latencyMs: Math.round(performance.now() - started), detail };
  } catch (e) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), detail: describeError(e) };
  }
}

export async function runHealthChecks(): Promise<{ sandbox: boolean; checks: HealthCheck[] }> {
  const config = getConfig();
  const correlationId = newCorrelationId();
  const [ultra, keycloak, opentv, flexiti] = await Promise.all([
    // docs/partners/ultra.md#dummy: /1/dummy answers 200 only for a secureToken Flipkart accepts.
    // docs/partners/ultra.md#answer-styles: either style is fine; which one is worth knowing.
    timed(async () => {
      const { style } = await checkUltra({ correlationId });
      return style === 'bare' ? 'answers bare' : 'answers in the STATUS/RESPONSE envelope';
    }),
    // Each a fresh token, whatever the app's cached clients hold.
    timed(() => checkOpenTv({ correlationId })),
    // docs/partners/opentv.md#tenant-404: red when OpenTV does not know OPENTV_TENANT_ID (every
    // 404 would be unexplained, so cancels wait instead of concluding "absent").
    timed(async () => {
      await checkOpenTvTenant({ correlationId });
      return `tenant ${config.opentv.tenantId} answers`;
    }),
    timed(() => checkFlexiti()),
  ]);
  return {
    sandbox: config.sandbox,
    checks: [
      {
        id: 'ultra',
        partner: 'Flipkart Ultra platform',
        check: 'GET /1/dummy with our secureToken',
        baseUrl: config.ultra.platformUrl,
        ...ultra,
      },
      {
        id: 'keycloak',
        partner: 'OpenTV (Keycloak)',
        check: `fresh operator token (${config.opentv.grant} grant)`,
        baseUrl: config.opentv.tokenUrl,
        ...keycloak,
      },
      {
        id: 'opentv',
        partner: 'OpenTV operator APIs',
        check: 'tenant read: GET /crm-gateway/v1/rmg/v1/entitlements (THIRDPARTY, limit 1)',
        baseUrl: config.opentv.baseUrl,
        ...opentv,
      },
      {
        id: 'flexiti',
        partner: 'Flexiti POS API',
        check: 'fresh merchant token (client_credentials)',
        baseUrl: config.flexiti.baseUrl,
        ...flexiti,
      },
      {
        id: 'oms',
        partner: 'Flipkart OMS',
        check: 'none: OMS has no read-only endpoint; it uses the same secureToken as /1/dummy',
        baseUrl: config.ultra.omsUrl,
        ok: null,
        latencyMs: null,
        detail: 'see the outbox for the latest deliveries',
      },
    ],
  };
}
