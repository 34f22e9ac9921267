import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationCalls } from '@/lib/db/schema';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { backoffMs, partnerFetch, PartnerHttpError } from './http';

let app: TestApp;
let hits: Record<string, number> = {};

beforeAll(async () => {
  app = await startTestApp({
    mounts: {
      '/flaky': () => {
        hits.flaky = (hits.flaky ?? 0) + 1;
        return hits.flaky < 3 ? new Response('busy', { status: 503 }) : Response.json({ ok: true });
      },
      '/business-error': () => {
        hits.business = (hits.business ?? 0) + 1;
        return Response.json({ error: 'credit_exceeded' }, { status: 409 });
      },
      '/rate-limited': () => {
        hits.rate = (hits.rate ?? 0) + 1;
        return Response.json({ status: 31 }, { status: 429, headers: { 'retry-after': '0' } });
      },
      '/slow': () => new Promise<Response>((r) => setTimeout(() => r(Response.json({})), 500)),
      '/echo': async (req) =>
        Response.json({ accessToken: 'tok-123456', email: 'jane@example.com', echo: await req.json() }),
    },
  });
});
afterAll(async () => app?.close());

const lastCalls = async (n: number) =>
  app.open.db.select().from(integrationCalls).orderBy(desc(integrationCalls.id)).limit(n);

describe('partnerFetch', () => {
  it('retries 5xx with backoff and logs every attempt under one correlation id', async () => {
    hits = {};
    const res = await partnerFetch({ partner: 'ultra', operation: 'flaky', method: 'GET', url: `${app.url}/flaky` });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(3);
    const rows = await lastCalls(3);
    expect(rows.map((r) => r.status).sort()).toEqual([200, 503, 503]);
    expect(new Set(rows.map((r) => r.correlationId)).size).toBe(1);
  });

  it('never retries a 4xx business answer', async () => {
    hits = {};
    const res = await partnerFetch({
      partner: 'flexiti',
      operation: 'authorize',
      method: 'POST',
      url: `${app.url}/business-error`,
      json: {},
    });
    expect(res.status).toBe(409);
    expect(hits.business).toBe(1);
  });

  it('retries 429 only as often as allowed', async () => {
    hits = {};
    const res = await partnerFetch({
      partner: 'oms',
      operation: 'upsert',
      method: 'POST',
      url: `${app.url}/rate-limited`,
      json: {},
      maxAttempts: 2,
    });
    expect(res.status).toBe(429);
    expect(hits.rate).toBe(2);
  });

  it('does not retry when told the call is unsafe to repeat', async () => {
    hits = {};
    await partnerFetch({
      partner: 'ultra',
      operation: 'flaky',
      method: 'POST',
      url: `${app.url}/flaky`,
      retry: 'none',
    });
    expect(hits.flaky).toBe(1);
  });

  it('times out and reports a timeout after the attempts', async () => {
    await expect(
      partnerFetch({
        partner: 'opentv',
        operation: 'slow',
        method: 'GET',
        url: `${app.url}/slow`,
        timeoutMs: 50,
        maxAttempts: 2,
      }),
    ).rejects.toBeInstanceOf(PartnerHttpError);
    const [row] = await lastCalls(1);
    expect(row?.error).toMatch(/^timeout/);
    expect(row?.status).toBeNull();
  });

  it('redacts tokens, secrets and personal data in the call log', async () => {
    await partnerFetch({
      partner: 'ultra',
      operation: 'echo',
      method: 'POST',
      url: `${app.url}/echo?accessToken=abc123secret&clientSecret=s%2B%2F%3D&clientId=hotstar`,
      headers: { secureToken: 'eyJhbGciOi.payload.sig' },
      json: { identityToken: 'IDTKN848F9123941444B990045011A48D4920PEJ', first_name: 'Jane', amount: 12.5 },
    });
    const [row] = await lastCalls(1);
    const logged = JSON.stringify(row);
    for (const secret of ['abc123secret', 'eyJhbGciOi', 'tok-123456', 'jane@example.com', 'Jane"', 's+/=']) {
      expect(logged).not.toContain(secret);
    }
    expect(row?.path).toBe('/echo?accessToken=[redacted]&clientSecret=[redacted]&clientId=hotstar');
    expect(logged).toContain('IDTKN848F…PEJ');
    expect(logged).toContain('12.5');
  });

  it('backs off exponentially with full jitter and honours Retry-After', () => {
    expect(backoffMs(1, null, () => 1)).toBe(200);
    expect(backoffMs(3, null, () => 1)).toBe(800);
    expect(backoffMs(10, null, () => 1)).toBe(5000);
    expect(backoffMs(2, null, () => 0)).toBe(0);
    expect(backoffMs(1, '2')).toBe(2000);
  });
});
