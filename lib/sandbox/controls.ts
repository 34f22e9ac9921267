import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/lib/db/client';
import { sandboxSettings } from '@/lib/db/schema';
import {
  PARTNER_SERVICES,
  SANDBOXED_PARTNER_NAMES,
  serviceOfSandboxPath,
  type SandboxedPartnerName,
} from '@/lib/partners/registry';
import { json } from '@/lib/sandbox/router';

/**
 * Generic sandbox controls, one `sandbox_settings` row per partner (the same partner names as
 * `integration_calls.partner`): added latency, a random error rate, and a forced error for the
 * next N calls or until cleared. The OpenTV sandbox (rows `opentv`, `keycloak`) and the OMS
 * sandbox (row `oms`, see lib/sandbox/ultra/oms-store.ts) read their rows themselves; the Flexiti
 * and Ultra platform sandboxes get them from `dispatchSandbox` through `mountControls`.
 */

/** The partners with a simulator (lib/partners/registry.ts), by their call-log names. */
export const CONTROLLED_PARTNERS = SANDBOXED_PARTNER_NAMES;
export type ControlledPartner = SandboxedPartnerName;

export const PARTNER_LABELS = Object.fromEntries(PARTNER_SERVICES.map((s) => [s.name, s.label])) as Record<
  ControlledPartner,
  string
>;

/** What is stored in `sandbox_settings.forced_error` (jsonb; extra keys are sandbox extensions). */
export interface StoredForcedError {
  status: number;
  body: unknown;
  /** Calls left; absent = until cleared. */
  times?: number;
  /** Only requests whose sandbox path contains this string (e.g. `/authorization`). */
  match?: string;
  /** OMS only: accept the event, then answer the error (a lost response). */
  afterAccept?: boolean;
  /** Which preset this came from, for the console. */
  preset?: string;
  /** Set with a count only for the OMS sandbox, which needs one (see forceError). */
  untilCleared?: boolean;
}

export interface ForcedErrorPreset {
  id: string;
  label: string;
  status: number;
  /** null: the partner sandbox fills in its own documented body (OMS 429 → code 31). */
  body: unknown;
  match?: string;
}

/** The faults QA asks for most, with the partner's documented error bodies. */
export const FORCED_ERROR_PRESETS: Record<ControlledPartner, ForcedErrorPreset[]> = {
  ultra: [
    {
      id: 'ultra-500',
      label: '500 Internal Server Error (every platform call)',
      status: 500,
      body: { error: 'Internal Server Error' },
    },
    {
      id: 'ultra-401-exchange',
      label: '401 on the grant exchange (/1/authorization/auth)',
      status: 401,
      body: { error: 'unauthorized', message: 'Invalid grant token' },
      match: '/1/authorization/auth',
    },
  ],
  // docs/partners/ultra.md#oms-errors, #oms-rate-limit: 429 with code 31 is the documented rate limit answer.
  oms: [
    { id: 'oms-429', label: '429 code 31 (rate limit)', status: 429, body: null },
    { id: 'oms-500', label: '500 Internal Server Error', status: 500, body: null },
  ],
  flexiti: [
    {
      id: 'flexiti-409-credit',
      label: '409 credit_exceeded on /authorization',
      status: 409,
      body: { url: '/authorization', message: 'The amount exceeds the available credit', error: 'credit_exceeded' },
      match: '/authorization',
    },
    {
      id: 'flexiti-503',
      label: '503 on every POS API call',
      status: 503,
      body: { url: '/', message: 'Service unavailable', error: 'service_unavailable' },
    },
  ],
  // docs/partners/opentv.md#operator-headers: Nagra answers 403 (never 401) for a rejected operator token.
  opentv: [
    {
      id: 'opentv-403',
      label: '403 Forbidden (operator token rejected)',
      status: 403,
      body: { code: 'crm-gateway:403', message: 'Forbidden' },
    },
    {
      id: 'opentv-503',
      label: '503 Service unavailable',
      status: 503,
      body: { code: 'crm-gateway:503', message: 'Service unavailable' },
    },
  ],
  keycloak: [
    {
      id: 'keycloak-401',
      label: '401 invalid_client',
      status: 401,
      body: { error: 'invalid_client', error_description: 'Invalid client credentials' },
    },
    { id: 'keycloak-503', label: '503 Service unavailable', status: 503, body: { error: 'temporarily_unavailable' } },
  ],
};

export function findPreset(partner: ControlledPartner, id: string): ForcedErrorPreset | undefined {
  return FORCED_ERROR_PRESETS[partner].find((p) => p.id === id);
}

export interface PartnerControls {
  partner: ControlledPartner;
  latencyMs: number;
  errorRatePct: number;
  forcedError: StoredForcedError | null;
}

export async function getControls(db: DbOrTx): Promise<PartnerControls[]> {
  const rows = await db.select().from(sandboxSettings);
  return CONTROLLED_PARTNERS.map((partner) => {
    const r = rows.find((x) => x.partner === partner);
    return {
      partner,
      latencyMs: r?.latencyMs ?? 0,
      errorRatePct: r?.errorRate ?? 0,
      forcedError: (r?.forcedError ?? null) as StoredForcedError | null,
    };
  });
}

/** Whether the forced error runs until cleared (OMS stores a count no one reaches, and says so; see forceError). */
export function forcedUntilCleared(f: StoredForcedError): boolean {
  return f.times === undefined || f.untilCleared === true;
}

/**
 * What a partner's controls do to its calls right now, in a few words (`503 until cleared`,
 * `429 for the next 2 calls`, `+800 ms`, `20% errors`), or null when it answers normally.
 */
export function faultSummary(c: PartnerControls): string | null {
  const parts: string[] = [];
  const f = c.forcedError;
  if (f) {
    const on = f.match ? ` on ${f.match}` : '';
    parts.push(
      forcedUntilCleared(f)
        ? `${f.status}${on} until cleared`
        : `${f.status}${on} for the next ${f.times} call${f.times === 1 ? '' : 's'}`,
    );
  }
  if (c.latencyMs > 0) parts.push(`+${c.latencyMs} ms`);
  if (c.errorRatePct > 0) parts.push(`${c.errorRatePct}% errors`);
  return parts.length ? parts.join(', ') : null;
}

export async function setLatencyAndErrorRate(
  db: DbOrTx,
  partner: ControlledPartner,
  v: { latencyMs: number; errorRatePct: number },
): Promise<void> {
  await db
    .insert(sandboxSettings)
    .values({ partner, latencyMs: v.latencyMs, errorRate: v.errorRatePct })
    .onConflictDoUpdate({
      target: sandboxSettings.partner,
      set: { latencyMs: v.latencyMs, errorRate: v.errorRatePct, updatedAt: new Date() },
    });
}

/** `times` undefined: until cleared. */
export async function forceError(
  db: DbOrTx,
  partner: ControlledPartner,
  preset: ForcedErrorPreset,
  times: number | undefined,
): Promise<StoredForcedError> {
  const value: StoredForcedError = {
    status: preset.status,
    body: preset.body,
    preset: preset.id,
    ...(preset.match ? { match: preset.match } : {}),
    // The OMS sandbox reads a missing `times` as 1 (oms-store.ts takeForcedFault), so "until
    // cleared" is a count no test or demo reaches.
    ...(times !== undefined ? { times } : partner === 'oms' ? { times: 1_000_000, untilCleared: true } : {}),
  };
  await db
    .insert(sandboxSettings)
    .values({ partner, forcedError: value })
    .onConflictDoUpdate({ target: sandboxSettings.partner, set: { forcedError: value, updatedAt: new Date() } });
  return value;
}

export async function clearForcedError(db: DbOrTx, partner: ControlledPartner): Promise<void> {
  await db
    .update(sandboxSettings)
    .set({ forcedError: null, updatedAt: new Date() })
    .where(eq(sandboxSettings.partner, partner));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Applies a partner's controls to one request: waits the added latency, then answers a forced
 * error (taking one of its `times` atomically, so two instances never both use the last one) or
 * a random 503 at the error rate. null: let the request through. `path` lets a forced error with
 * `match` apply only to some endpoints.
 */
export async function injectedFault(db: Db, partner: ControlledPartner, path?: string): Promise<Response | null> {
  const [s] = await db.select().from(sandboxSettings).where(eq(sandboxSettings.partner, partner));
  if (!s) return null;
  if (s.latencyMs > 0) await sleep(Math.min(s.latencyMs, 30_000));
  const forced = s.forcedError as StoredForcedError | null;
  if (forced && (!forced.match || path === undefined || path.includes(forced.match))) {
    if (forced.times !== undefined) {
      const claimed = await db
        .update(sandboxSettings)
        .set({
          forcedError: sql`case when (${sandboxSettings.forcedError}->>'times')::int <= 1 then null
            else jsonb_set(${sandboxSettings.forcedError}, '{times}', to_jsonb((${sandboxSettings.forcedError}->>'times')::int - 1)) end`,
        })
        .where(sql`${sandboxSettings.partner} = ${partner} and (${sandboxSettings.forcedError}->>'times')::int >= 1`)
        .returning({ partner: sandboxSettings.partner });
      if (claimed.length) return json(forced.body, forced.status);
    } else {
      return json(forced.body, forced.status);
    }
  }
  if (s.errorRate > 0 && Math.random() * 100 < s.errorRate) {
    return json({ code: `${partner}:503`, message: 'Service unavailable (sandbox error rate)' }, 503);
  }
  return null;
}

/**
 * Mounts whose controls `dispatchSandbox` applies (the others read their own row, so applying
 * them here too would double the latency and use up a forced error twice). Sandbox-only helper
 * routes (the Flexiti widget's outcome post, `/sandbox/...` inspection, `/jwks`) are never faulted:
 * they are not partner APIs.
 */
const NOT_PARTNER_API = [/^\/widget-api\//, /^\/sandbox\//, /^\/jwks$/];

export async function mountControls(db: Db, mount: string, path: string): Promise<Response | null> {
  const service = serviceOfSandboxPath(mount, path);
  if (service?.sandbox?.controls !== 'dispatch' || NOT_PARTNER_API.some((re) => re.test(path))) return null;
  return injectedFault(db, service.name as ControlledPartner, path);
}
