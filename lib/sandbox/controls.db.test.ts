import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import {
  clearForcedError,
  findPreset,
  forceError,
  getControls,
  setLatencyAndErrorRate,
  type ControlledPartner,
} from './controls';

/**
 * The generic sandbox controls over HTTP: what QA sets in the ops console is what a partner
 * client sees on its next calls, for every partner sandbox.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());
afterEach(async () => {
  await app.open.db.execute(sql`update sandbox_settings set forced_error = null, latency_ms = 0, error_rate_pct = 0`);
});

const preset = (p: ControlledPartner, id: string) => findPreset(p, id)!;

async function call(method: string, path: string, init: { form?: Record<string, string>; json?: unknown } = {}) {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  } else if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const started = performance.now();
  const res = await fetch(`${app.url}/sandbox${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as Record<string, unknown>, ms: performance.now() - started };
}

const flexitiToken = () => {
  const f = getConfig().flexiti;
  return call('POST', '/flexiti/flexiti/pos-api/v2.5/oauth/token', {
    form: { client_id: f.clientId, client_secret: f.clientSecret, grant_type: 'client_credentials' },
  });
};
const flexitiAuthorize = () =>
  call('POST', `/flexiti/flexiti/pos-api/v2.5.1/client-id/${getConfig().flexiti.clientId}/authorization`, { json: {} });

describe('forced errors', () => {
  it('Flexiti 409 credit_exceeded hits /authorization only, for the next N calls', async () => {
    await forceError(app.open.db, 'flexiti', preset('flexiti', 'flexiti-409-credit'), 2);
    expect((await flexitiToken()).status).toBe(200); // not matched, not consumed
    const first = await flexitiAuthorize();
    expect(first).toMatchObject({ status: 409, body: { error: 'credit_exceeded' } });
    expect((await flexitiAuthorize()).status).toBe(409);
    const third = await flexitiAuthorize();
    expect(third.body.error).not.toBe('credit_exceeded'); // back to the sandbox's own answer
    expect((await getControls(app.open.db)).find((c) => c.partner === 'flexiti')!.forcedError).toBeNull();
  });

  it('Ultra platform 500 until cleared, then /1/dummy answers as before', async () => {
    const before = await call('GET', '/ultra/platform/1/dummy');
    await forceError(app.open.db, 'ultra', preset('ultra', 'ultra-500'), undefined);
    for (let i = 0; i < 3; i++) expect((await call('GET', '/ultra/platform/1/dummy')).status).toBe(500);
    await clearForcedError(app.open.db, 'ultra');
    expect((await call('GET', '/ultra/platform/1/dummy')).status).toBe(before.status);
    expect(before.status).not.toBe(500);
  });

  it('OMS 429 code 31 for the next 2 calls, through the OMS sandbox’s own fault handling', async () => {
    await forceError(app.open.db, 'oms', preset('oms', 'oms-429'), 2);
    const a = await call('POST', '/ultra/oms/3/oms', { json: {} });
    expect(a).toMatchObject({ status: 429, body: { status: 31 } });
    expect((await call('POST', '/ultra/oms/3/oms', { json: {} })).status).toBe(429);
    expect((await call('POST', '/ultra/oms/3/oms', { json: {} })).status).not.toBe(429);
  });

  it('OpenTV 403 until cleared (the OpenTV sandbox reads the same row)', async () => {
    await forceError(app.open.db, 'opentv', preset('opentv', 'opentv-403'), undefined);
    const forced = await call('GET', '/opentv/adm/v1/accounts/acct-priya-0001');
    expect(forced).toMatchObject({ status: 403, body: { code: 'crm-gateway:403', message: 'Forbidden' } });
    await clearForcedError(app.open.db, 'opentv');
    const after = await call('GET', '/opentv/adm/v1/accounts/acct-priya-0001');
    expect(after.body.message).not.toBe('Forbidden'); // the guard's own "Forbidden: <reason>" (no token)
  });

  it('never faults the sandbox-only helper routes (the widget’s outcome post)', async () => {
    await forceError(app.open.db, 'flexiti', preset('flexiti', 'flexiti-503'), undefined);
    expect((await flexitiToken()).status).toBe(503);
    expect((await call('POST', '/flexiti/widget-api/unknown-key/outcome', { json: {} })).status).not.toBe(503);
  });
});

describe('latency and error rate', () => {
  it('adds the latency to every call of that partner only', async () => {
    await setLatencyAndErrorRate(app.open.db, 'flexiti', { latencyMs: 400, errorRatePct: 0 });
    expect((await flexitiToken()).ms).toBeGreaterThanOrEqual(390);
    expect((await call('GET', '/ultra/platform/1/dummy')).ms).toBeLessThan(390);
  });

  it('an error rate of 100% answers 503 every time; 0% never', async () => {
    await setLatencyAndErrorRate(app.open.db, 'ultra', { latencyMs: 0, errorRatePct: 100 });
    for (let i = 0; i < 3; i++) expect((await call('GET', '/ultra/platform/1/dummy')).status).toBe(503);
    await setLatencyAndErrorRate(app.open.db, 'ultra', { latencyMs: 0, errorRatePct: 0 });
    expect((await call('GET', '/ultra/platform/1/dummy')).status).not.toBe(503);
  });
});
