import 'server-only';
import { getConfig, type AppConfig } from '@/lib/config';
import { FlexitiClient, settingsFromConfig as flexitiSettings } from '@/lib/partners/flexiti';
import { newCorrelationId } from '@/lib/partners/http';
import { OpenTvClient, openTvClient, settingsFromConfig as openTvSettings } from '@/lib/partners/opentv';
import { PARTNER_SERVICES, type HealthListedName } from '@/lib/partners/registry';
import { settingsFromConfig as ultraSettings, UltraClient } from '@/lib/partners/ultra';

/**
 * Partner health for the console: does each credential work right now, and how fast. Every
 * check is a real call through the partner clients (so it is in the call log too); tokens are
 * fetched fresh and thrown away, never shown.
 */
export interface HealthCheck {
  id: HealthListedName;
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

/**
 * Each checked service's call (through its door) and the base URL it calls; a partner in the registry
 * whose `health` is null (nothing to check) needs no entry. A check may return a sentence of what
 * else it learnt.
 */
type Checked = Exclude<HealthListedName, 'oms'>;
const CHECKS: Record<Checked, (c: { correlationId: string; config: AppConfig }) => Promise<unknown>> = {
  // docs/partners/ultra.md#dummy: /1/dummy answers 200 only for a secureToken Flipkart accepts.
  // docs/partners/ultra.md#answer-styles: either style is fine; which one is worth knowing.
  ultra: async ({ correlationId }) => {
    const { style } = await new UltraClient(ultraSettings()).checkCredentials({ correlationId });
    return style === 'bare' ? 'answers bare' : 'answers in the STATUS/RESPONSE envelope';
  },
  // Each a fresh token, whatever the app's cached clients hold.
  keycloak: ({ correlationId }) => new OpenTvClient(openTvSettings()).checkCredentials({ correlationId }),
  // docs/partners/opentv.md#tenant-404: red when OpenTV does not know OPENTV_TENANT_ID (every
  // 404 would be unexplained, so cancels wait instead of concluding "absent").
  opentv: async ({ correlationId, config }) => {
    await openTvClient().checkTenant({ correlationId });
    return `tenant ${config.opentv.tenantId} answers`;
  },
  flexiti: () => new FlexitiClient(flexitiSettings()).checkCredentials(),
};

const BASE_URLS: Record<HealthListedName, (config: AppConfig) => string> = {
  ultra: (c) => c.ultra.platformUrl,
  oms: (c) => c.ultra.omsUrl,
  flexiti: (c) => c.flexiti.baseUrl,
  opentv: (c) => c.opentv.baseUrl,
  keycloak: (c) => c.opentv.tokenUrl,
};

/** OMS: nothing to call without side effects. */
const NOT_CHECKED = { ok: null, latencyMs: null, detail: 'see the outbox for the latest deliveries' };

/** Every partner service of the registry (lib/partners/registry.ts), checked at once. */
export async function runHealthChecks(): Promise<{ sandbox: boolean; checks: HealthCheck[] }> {
  const config = getConfig();
  const correlationId = newCorrelationId();
  const checks = await Promise.all(
    PARTNER_SERVICES.filter((s) => s.health).map(async (s): Promise<HealthCheck> => {
      const run = CHECKS[s.name as Checked] as (typeof CHECKS)[Checked] | undefined;
      const result = run ? await timed(() => run({ correlationId, config })) : NOT_CHECKED;
      const name = s.name as HealthListedName;
      const check = name === 'keycloak' ? `fresh operator token (${config.opentv.grant} grant)` : s.health!;
      return { id: name, partner: s.label, check, baseUrl: BASE_URLS[name](config), ...result };
    }),
  );
  return { sandbox: config.sandbox, checks };
}
