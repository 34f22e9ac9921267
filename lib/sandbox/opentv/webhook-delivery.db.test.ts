import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { entitlementEventSchema, OPENTV_SIGNATURE_HEADER, verifyWebhookSignature } from '@/lib/partners/opentv';
import { PERSONAS } from '@/lib/sandbox/ultra/personas';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { activateEntitlement, viewActivation } from './activation';
import { operatorCall, operatorToken } from '@/test/support/opentv-api';
import { deliverDueWebhooks, deliveriesFor, setWebhookRetryTimer, webhookRetryDelayMs } from './webhook-delivery';
import { activateAsStaff } from '@/test/support/staff';

/**
 * The storefront's webhook, faked: records every call, verifies the signature, and fails the
 * first `failuresFor[entitlementId]` calls of an entitlement with a 500.
 */
const received: { entitlementId: string; verified: boolean; body: unknown }[] = [];
const failuresFor: Record<string, number> = {};
const seen: Record<string, number> = {};

let app: TestApp;
let token: string;

beforeAll(async () => {
  // This file drives retries itself with a chosen `now`.
  setWebhookRetryTimer(false);
  app = await startTestApp({
    mounts: {
      '/api/webhooks/opentv': async (req) => {
        const raw = await req.text();
        const verified = verifyWebhookSignature(
          raw,
          req.headers.get(OPENTV_SIGNATURE_HEADER),
          getConfig().opentv.webhookSecret,
        ).ok;
        const body = entitlementEventSchema.parse(JSON.parse(raw));
        received.push({ entitlementId: body.entitlementId, verified, body });
        seen[body.entitlementId] = (seen[body.entitlementId] ?? 0) + 1;
        if (seen[body.entitlementId]! <= (failuresFor[body.entitlementId] ?? 0))
          return new Response('boom', { status: 500 });
        return new Response('ok', { status: 200 });
      },
    },
  });
  token = await operatorToken(app.url);
});
afterAll(async () => app?.close());

async function pending(id: string, productId = 'hotstar_SUPER_MONTHLY') {
  const res = await operatorCall(app.url, token, 'POST', '/crm-gateway/v2/rmg/v1/entitlements', {
    json: { _id: id, productType: 'THIRDPARTY', productId, accountId: PERSONAS[0]!.opentvAccountId, status: 'PENDING' },
  });
  expect(res.status).toBe(201);
  return (res.body as { parameters: { url: string } }).parameters.url;
}
const tokenOf = (url: string) => url.split('/activate/')[1]!;

describe('activation and the storefront webhook', () => {
  it('activating by the link makes the entitlement ACTIVE and calls the webhook once, signed', async () => {
    const url = await pending('ent-wh-1');
    const result = await activateEntitlement(app.open.db, { token: tokenOf(url) });
    expect(result).toMatchObject({ ok: true, webhookDelivered: true, alreadyActive: false });
    const calls = received.filter((r) => r.entitlementId === 'ent-wh-1');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.verified).toBe(true);
    expect(calls[0]!.body).toMatchObject({
      entitlementId: 'ent-wh-1',
      accountId: PERSONAS[0]!.opentvAccountId,
      productId: 'hotstar_SUPER_MONTHLY',
      status: 'ACTIVE',
      occurredAt: expect.any(String),
    });
    const view = await viewActivation(app.open.db, tokenOf(url));
    expect(view).toMatchObject({
      kind: 'found',
      status: 'ACTIVE',
      webhook: 'delivered',
      productName: expect.any(String),
    });
    // Activating again changes nothing and sends nothing.
    expect(await activateEntitlement(app.open.db, { token: tokenOf(url) })).toMatchObject({
      ok: true,
      alreadyActive: true,
    });
    expect(received.filter((r) => r.entitlementId === 'ent-wh-1')).toHaveLength(1);
  });

  it('the storefront failing twice is retried with growing backoff until it answers 200', async () => {
    failuresFor['ent-wh-2'] = 2;
    await pending('ent-wh-2');
    const result = await activateEntitlement(app.open.db, { entitlementId: 'ent-wh-2' });
    expect(result).toMatchObject({ ok: true, webhookDelivered: false });
    let [d] = await deliveriesFor(app.open.db, 'ent-wh-2');
    expect(d).toMatchObject({ attempts: 1, lastStatus: 500, deliveredAt: null });
    const firstGap = d!.nextAttemptAt.getTime() - Date.now();
    expect(firstGap).toBeGreaterThan(1000);

    // Not due yet: nothing is sent.
    expect(await deliverDueWebhooks(app.open.db, new Date())).toEqual({ attempted: 0, delivered: 0 });

    const second = await deliverDueWebhooks(app.open.db, new Date(d!.nextAttemptAt.getTime() + 1));
    expect(second).toEqual({ attempted: 1, delivered: 0 });
    const prevNext = d!.nextAttemptAt.getTime();
    [d] = await deliveriesFor(app.open.db, 'ent-wh-2');
    expect(d).toMatchObject({ attempts: 2, lastStatus: 500 });
    expect(d!.nextAttemptAt.getTime() - prevNext).toBeGreaterThan(firstGap);

    const third = await deliverDueWebhooks(app.open.db, new Date(d!.nextAttemptAt.getTime() + 1));
    expect(third).toEqual({ attempted: 1, delivered: 1 });
    [d] = await deliveriesFor(app.open.db, 'ent-wh-2');
    expect(d).toMatchObject({ attempts: 3, lastStatus: 200, lastError: null });
    expect(d!.deliveredAt).not.toBeNull();
    const calls = received.filter((r) => r.entitlementId === 'ent-wh-2');
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.verified)).toBe(true);
    // Delivered: later runs leave it alone.
    expect(await deliverDueWebhooks(app.open.db, new Date(Date.now() + 86_400_000))).toEqual({
      attempted: 0,
      delivered: 0,
    });
  });

  it('two workers running at once never send the same attempt twice', async () => {
    failuresFor['ent-wh-3'] = 1;
    await pending('ent-wh-3');
    await activateEntitlement(app.open.db, { entitlementId: 'ent-wh-3' });
    const [d] = await deliveriesFor(app.open.db, 'ent-wh-3');
    const at = new Date(d!.nextAttemptAt.getTime() + 1);
    const runs = await Promise.all([deliverDueWebhooks(app.open.db, at), deliverDueWebhooks(app.open.db, at)]);
    expect(runs.reduce((s, r) => s + r.attempted, 0)).toBe(1);
    expect(received.filter((r) => r.entitlementId === 'ent-wh-3')).toHaveLength(2);
  });

  it('without any worker, the in-process timer retries a failed delivery by itself', async () => {
    setWebhookRetryTimer(true);
    try {
      failuresFor['ent-wh-7'] = 1;
      await pending('ent-wh-7', 'hotstar_PREMIUM_ANNUAL');
      expect(await activateEntitlement(app.open.db, { entitlementId: 'ent-wh-7' })).toMatchObject({
        webhookDelivered: false,
      });
      await expect
        .poll(async () => (await deliveriesFor(app.open.db, 'ent-wh-7'))[0]?.deliveredAt ?? null, {
          timeout: 10_000,
          interval: 200,
        })
        .not.toBeNull();
      expect(received.filter((r) => r.entitlementId === 'ent-wh-7')).toHaveLength(2);
    } finally {
      setWebhookRetryTimer(false);
    }
  });

  it('backoff doubles from 2 s, capped at 10 minutes, with ±20 % jitter', () => {
    expect(webhookRetryDelayMs(1, () => 0.5)).toBe(2000);
    expect(webhookRetryDelayMs(3, () => 0.5)).toBe(8000);
    expect(webhookRetryDelayMs(30, () => 0.5)).toBe(600_000);
    expect(webhookRetryDelayMs(1, () => 0)).toBe(1600);
    expect(webhookRetryDelayMs(1, () => 1)).toBe(2400);
  });

  it('the sandbox JSON hook activates; expired links, unknown ids and cancelled entitlements are refused', async () => {
    const link = await pending('ent-wh-4');
    const hook = (id: string) => activateAsStaff(app.url, id);
    // Without a staff session the hook refuses and the entitlement waits for its customer's link.
    expect((await activateAsStaff(app.url, 'ent-wh-4', false)).status).toBe(403);
    expect(await viewActivation(app.open.db, tokenOf(link))).toMatchObject({ status: 'PENDING' });
    expect(received.filter((r) => r.entitlementId === 'ent-wh-4')).toHaveLength(0);
    const ok = await hook('ent-wh-4');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ entitlementId: 'ent-wh-4', status: 'ACTIVE', webhookDelivered: true });
    expect((await hook('nope')).status).toBe(404);

    await pending('ent-wh-5');
    await operatorCall(app.url, token, 'PUT', '/crm-gateway/v2/rmg/v1/entitlements/ent-wh-5', {
      json: { status: 'CANCELLED' },
    });
    const cancelled = await hook('ent-wh-5');
    expect(cancelled.status).toBe(409);
    expect(received.filter((r) => r.entitlementId === 'ent-wh-5')).toHaveLength(0);

    const url = await pending('ent-wh-6');
    const { advanceClock } = await import('@/lib/sandbox/clock');
    await advanceClock(app.open.db, 24 * 3600_000 + 1000);
    expect(await activateEntitlement(app.open.db, { token: tokenOf(url) })).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    expect(await activateEntitlement(app.open.db, { token: 'no-such-token-123' })).toMatchObject({
      ok: false,
      reason: 'not_found',
    });
  });
});
