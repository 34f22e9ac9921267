import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { opentvWebhookReceipts, orderEvents, rateLimits } from '@/lib/db/schema';
import { OPENTV_SIGNATURE_HEADER, signWebhook } from '@/lib/partners/opentv';
import { POST as webhookRoute } from '@/app/api/webhooks/opentv/route';
import {
  app,
  db,
  orderRow,
  pendingOrder,
  persona,
  signed,
  setUpOrderLifecycleTests,
} from '@/test/support/order-lifecycle';
import { activateAsStaff } from '@/test/support/staff';

/** The OpenTV webhook route (POST /api/webhooks/opentv) against the sandbox: signatures, size caps, bad bodies, applied once. */

setUpOrderLifecycleTests();

describe('POST /api/webhooks/opentv', () => {
  const event = (orderId: string, over: Record<string, unknown> = {}) => ({
    entitlementId: `ent-${orderId}`,
    accountId: persona.opentvAccountId,
    productId: 'hotstar_SUPER_MONTHLY',
    status: 'ACTIVE',
    occurredAt: new Date().toISOString(),
    ...over,
  });

  it('the sandbox activation calls it, signed: the order becomes ACTIVE', async () => {
    const { id } = await pendingOrder();
    const res = await activateAsStaff(app().url, `ent-${id}`);
    expect(await res.json()).toMatchObject({ status: 'ACTIVE', webhookDelivered: true });
    expect(await orderRow(id)).toMatchObject({ state: 'ACTIVE', entitlementStatus: 'ACTIVE', activationUrl: null });
  });

  it('a good signature is applied once; a repeat answers 200 and changes nothing', async () => {
    const { id } = await pendingOrder();
    const body = event(id);
    const first = await signed(body);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: 'applied' });
    const again = await signed(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: 'duplicate' });
    expect(await db().select().from(opentvWebhookReceipts).where(eq(opentvWebhookReceipts.orderId, id))).toHaveLength(
      1,
    );
    const activations = await db()
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, id), eq(orderEvents.cause, 'opentv.activated')));
    expect(activations).toHaveLength(1);
    expect((await orderRow(id)).state).toBe('ACTIVE');
  });

  it('a wrong or missing signature is 401 and changes nothing', async () => {
    const { id } = await pendingOrder();
    const wrong = await signed(event(id), 'not-the-shared-secret-at-all');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_signature', reason: 'signature' });
    const missing = await fetch(`${app().url}/api/webhooks/opentv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event(id)),
    });
    expect(missing.status).toBe(401);
    expect(await orderRow(id)).toMatchObject({ state: 'CONFIRMED', entitlementStatus: 'PENDING' });
    expect(await db().select().from(opentvWebhookReceipts).where(eq(opentvWebhookReceipts.orderId, id))).toHaveLength(
      0,
    );
  });

  it('a signature dated 310 s in the future (past the 300 s window) is 401 stale, and the order is unchanged', async () => {
    const { id } = await pendingOrder();
    const raw = JSON.stringify(event(id));
    // Not 301 s: the header carries whole seconds and the request takes time to arrive, so a date
    // 301 s ahead can be within 300 s by the time it is checked (a loaded CI machine saw a 200).
    const header = signWebhook(raw, getConfig().opentv.webhookSecret, new Date(Date.now() + 310_000));
    const res = await fetch(`${app().url}/api/webhooks/opentv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [OPENTV_SIGNATURE_HEADER]: header },
      body: raw,
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_signature', reason: 'stale' });
    expect(await orderRow(id)).toMatchObject({ state: 'CONFIRMED', entitlementStatus: 'PENDING' });
  });

  it('a chunked body over the cap (no Content-Length) is 413 and changes nothing', async () => {
    const { id } = await pendingOrder();
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 8) c.enqueue(chunk);
        else c.close();
      },
    });
    const req = new Request(`${app().url}/api/webhooks/opentv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [OPENTV_SIGNATURE_HEADER]: signWebhook('{}', 'x') },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(req.headers.get('content-length')).toBeNull();
    const res = await webhookRoute(req);
    expect(res.status).toBe(413);
    // It stopped reading once over the cap: the rest of the stream was never pulled.
    expect(sent).toBeLessThan(8);
    expect(await orderRow(id)).toMatchObject({ state: 'CONFIRMED', entitlementStatus: 'PENDING' });
  });

  it('a signed but invalid body is 400 naming the field, and changes nothing', async () => {
    const { id } = await pendingOrder();
    const bad = await signed(event(id, { status: 'LIVE' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_body', field: 'status' });
    const notJson = await signed('{"entitlementId":');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ field: 'body' });
    expect(await orderRow(id)).toMatchObject({ state: 'CONFIRMED', entitlementStatus: 'PENDING' });
  });

  it('over the per-address limit (300 a minute): 429 with Retry-After, and the order unchanged', async () => {
    const { id } = await pendingOrder();
    const raw = JSON.stringify(event(id));
    const from = (address: string) =>
      webhookRoute(
        new Request(`${app().url}/api/webhooks/opentv`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-forwarded-for': address,
            [OPENTV_SIGNATURE_HEADER]: signWebhook(raw, getConfig().opentv.webhookSecret),
          },
          body: raw,
        }),
      );
    // This address has spent its minute: 300 deliveries counted.
    await db()
      .insert(rateLimits)
      .values({ key: 'webhook:203.0.113.200', points: 300, expire: new Date(Date.now() + 30_000) });
    const refused = await from('203.0.113.200');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await orderRow(id)).toMatchObject({ state: 'CONFIRMED', entitlementStatus: 'PENDING' });
    expect((await from('203.0.113.201')).status).toBe(200);
    expect(await orderRow(id)).toMatchObject({ state: 'ACTIVE' });
  });
});
