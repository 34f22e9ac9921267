import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getConfig, resetConfigForTests } from '@/lib/config';
import { integrationCalls, sandboxUltraOmsEvents } from '@/lib/db/schema';
import { identityTokenFor, PERSONAS, setSandboxOption } from '@/test/support/sandbox';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { ultraClient, type UltraClient } from './client';
import { OmsPermanentError, OmsRetryableError, type OmsOrderEvent } from './oms';
import { staffHeaders } from '@/test/support/staff';

/** The OMS client against the OMS sandbox over HTTP (docs/partners/ultra.md#oms). */

let app: TestApp;
let seq = 0;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());
afterEach(async () => {
  vi.restoreAllMocks();
  await fetch(`${app.url}/sandbox/ultra/oms/sandbox/faults`, { method: 'DELETE', headers: await staffHeaders() });
});

function omsEvent(overrides: Partial<OmsOrderEvent> = {}): OmsOrderEvent {
  // Yesterday (the OMS sandbox refuses dates more than a year away), with a millisecond part.
  const placed = new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000 + 123);
  return {
    orderId: `C-${Date.now()}-${++seq}`,
    state: 'ORDER_CONFIRMED',
    identityToken: identityTokenFor(getConfig().ultra.merchantId, PERSONAS[0]!),
    description: 'Premium Annual plan',
    orderTimestamp: placed,
    updatedTimestamp: placed,
    forwardAmount: 149.99,
    reverseAmount: 0,
    lastFulfillmentDate: new Date(placed.getTime() + 7 * 86_400_000),
    metadata: { category: 'streaming', productId: 'premium-annual' },
    ...overrides,
  };
}

const ctx = (e: OmsOrderEvent) => ({ correlationId: `corr-${e.orderId}`, orderId: e.orderId });

async function force(fault: Record<string, unknown>) {
  const res = await fetch(`${app.url}/sandbox/ultra/oms/sandbox/faults`, {
    method: 'POST',
    headers: await staffHeaders({ 'content-type': 'application/json' }),
    body: JSON.stringify(fault),
  });
  expect(res.status).toBe(200);
}

async function stored(orderId: string) {
  return app.open.db.select().from(sandboxUltraOmsEvents).where(eq(sandboxUltraOmsEvents.orderId, orderId));
}
async function calls(orderId: string) {
  return app.open.db
    .select()
    .from(integrationCalls)
    .where(and(eq(integrationCalls.partner, 'oms'), eq(integrationCalls.orderId, orderId)));
}

/** The app's client, as the OMS job calls it (lib/orders/jobs/oms-report.ts). */
const report = (...args: Parameters<UltraClient['reportOrderState']>) => ultraClient().reportOrderState(...args);

describe('reportOrderState', () => {
  it('delivers an event: 2xx → delivered, in epoch seconds by default, token redacted in the call log', async () => {
    const e = omsEvent();
    await expect(report(e, ctx(e))).resolves.toBe('delivered');
    const [row] = await stored(e.orderId);
    const seconds = Math.floor(e.orderTimestamp.getTime() / 1000);
    expect(row).toMatchObject({
      orderState: 'ORDER_CONFIRMED',
      orderTimestampMs: seconds * 1000,
      timestampUnit: 's',
      forwardTransaction: 149.99,
      reverseTransaction: 0,
      orderMetadata: { category: 'streaming', productId: 'premium-annual' },
    });
    const [call] = await calls(e.orderId);
    expect(call).toMatchObject({ status: 200, correlationId: `corr-${e.orderId}`, path: '/sandbox/ultra/oms/3/oms' });
    expect(call!.request).toMatchObject({ body: { orderTimestamp: seconds, orderUpdatedTimestamp: seconds } });
    expect(JSON.stringify(call!.request)).not.toMatch(/eyJ/);
  });

  it('ORDER_CONFIRMED always sends reverseTransaction 0, whatever the caller passed', async () => {
    const e = omsEvent({ reverseAmount: 10 });
    await expect(report(e, ctx(e))).resolves.toBe('delivered');
    const [row] = await stored(e.orderId);
    expect(row).toMatchObject({ orderState: 'ORDER_CONFIRMED', reverseTransaction: 0 });
    const [call] = await calls(e.orderId);
    expect((call!.request as { body: { reverseTransaction: number } }).body.reverseTransaction).toBe(0);
  });

  it('a repeat answered 400/23 counts as already delivered', async () => {
    const e = omsEvent();
    await report(e, ctx(e));
    await expect(report(e, ctx(e))).resolves.toBe('already-delivered');
    expect(await stored(e.orderId)).toHaveLength(1);
  });

  it('24 (illegal transition) is permanent and loud, with the order id and code', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const e = omsEvent({ state: 'ORDER_FULFILLED' });
    const failure = await report(e, ctx(e)).catch((x: unknown) => x);
    expect(failure).toBeInstanceOf(OmsPermanentError);
    expect(failure).toMatchObject({ code: 24, status: 400, orderId: e.orderId });
    expect(error).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`order ${e.orderId}.*code 24`)));
  });

  it('other validation codes are permanent too (15: unknown identity token)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const e = omsEvent({ identityToken: 'IDTKN00000000000000000000000000000000XYZ' });
    await expect(report(e, ctx(e))).rejects.toMatchObject({ name: 'OmsPermanentError', code: 15 });
  });

  it('a base without the OMS endpoint: refused for good, the message names ULTRA_OMS_URL', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    process.env.ULTRA_OMS_URL = `${app.url}/sandbox/ultra/oms/nothing`;
    resetConfigForTests();
    try {
      const e = omsEvent();
      const failure = await report(e, ctx(e)).catch((x: unknown) => x);
      expect(failure).toBeInstanceOf(OmsPermanentError);
      expect(failure).toMatchObject({ status: 404, code: null });
      expect((failure as Error).message).toContain(
        'no OMS endpoint at /sandbox/ultra/oms/nothing/3/oms (HTTP 404): check ULTRA_OMS_URL',
      );
    } finally {
      delete process.env.ULTRA_OMS_URL;
      resetConfigForTests();
    }
  });

  it('an invalid event is refused before any call (forward amount must be > 0)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const e = omsEvent({ forwardAmount: 0 });
    await expect(report(e, ctx(e))).rejects.toBeInstanceOf(OmsPermanentError);
    expect(await calls(e.orderId)).toHaveLength(0);
  });

  it('429/31 is retryable and tried once (the outbox owns the retry timing)', async () => {
    await force({ status: 429, times: 1 });
    const e = omsEvent();
    const failure = await report(e, ctx(e)).catch((x: unknown) => x);
    expect(failure).toBeInstanceOf(OmsRetryableError);
    expect(failure).toMatchObject({ status: 429 });
    expect(await calls(e.orderId)).toHaveLength(1);
    await expect(report(e, ctx(e))).resolves.toBe('delivered');
  });

  it('5xx is retryable', async () => {
    await force({ status: 502, times: 1 });
    const e = omsEvent();
    await expect(report(e, ctx(e))).rejects.toMatchObject({ name: 'OmsRetryableError', status: 502 });
    expect(await stored(e.orderId)).toHaveLength(0);
  });

  it('a network failure is retryable', async () => {
    const before = process.env.ULTRA_OMS_URL;
    process.env.ULTRA_OMS_URL = 'http://127.0.0.1:9/ultra';
    resetConfigForTests();
    try {
      const e = omsEvent();
      await expect(report(e, { ...ctx(e), timeoutMs: 2000 })).rejects.toBeInstanceOf(OmsRetryableError);
    } finally {
      if (before === undefined) delete process.env.ULTRA_OMS_URL;
      else process.env.ULTRA_OMS_URL = before;
      resetConfigForTests();
    }
  });

  it('sends milliseconds when OMS_TIMESTAMP_UNIT=ms (the sandbox then reads ms), and the reverse amount on a terminal state', async () => {
    process.env.OMS_TIMESTAMP_UNIT = 'ms';
    resetConfigForTests();
    try {
      const e = omsEvent();
      await report(e, ctx(e));
      const cancel = { ...e, state: 'ORDER_CANCELLED' as const, reverseAmount: 49.995, updatedTimestamp: new Date() };
      await expect(report(cancel, ctx(cancel))).resolves.toBe('delivered');
      const rows = await stored(e.orderId);
      expect(rows.map((r) => r.timestampUnit)).toEqual(['ms', 'ms']);
      expect(rows[0]!.orderTimestampMs).toBe(e.orderTimestamp.getTime());
      expect(rows[1]).toMatchObject({ orderState: 'ORDER_CANCELLED', reverseTransaction: 49.995 });
    } finally {
      delete process.env.OMS_TIMESTAMP_UNIT;
      resetConfigForTests();
    }
  });

  it('a wrong unit fails our own tests: seconds sent to an OMS set to read milliseconds are refused for good (20)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await setSandboxOption(app.open.db, 'oms', 'timestampUnit', 'ms');
    try {
      const e = omsEvent();
      const failure = await report(e, ctx(e)).catch((x: unknown) => x);
      expect(failure).toBeInstanceOf(OmsPermanentError);
      expect(failure).toMatchObject({ code: 20, status: 400 });
      expect(String((failure as Error).message)).toMatch(
        /orderTimestamp: \d+ is epoch seconds; this OMS reads epoch milliseconds/,
      );
      expect(await stored(e.orderId)).toHaveLength(0);
    } finally {
      await setSandboxOption(app.open.db, 'oms', 'timestampUnit', null);
    }
  });
});
