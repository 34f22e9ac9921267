import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The checkout-start limit lives in the server action (30 starts per customer per 10 minutes):
 * over it, the customer reads when to try again and Flexiti is not asked (no startCheckout).
 */
const m = vi.hoisted(() => ({
  limit: { ok: true, remaining: 29 } as { ok: boolean; remaining?: number; retryAfterS?: number },
  started: 0,
  outcome: null as unknown,
}));
vi.mock('@/lib/security/rate-limit', () => ({ hit: async () => m.limit }));
vi.mock('@/lib/auth', () => ({ getCurrentCustomer: async () => ({ id: 'cust-1', locale: 'en' }) }));
vi.mock('next-intl/server', () => ({
  getTranslations: async () =>
    Object.assign((key: string, values?: Record<string, unknown>) => `${key} ${JSON.stringify(values ?? {})}`, {
      has: () => false,
    }),
}));
vi.mock('@/lib/orders', async () => ({
  ...(await import('@/lib/orders/browser')),
  startCheckout: async () => {
    m.started++;
    return { ok: true, kind: 'widget', orderId: 'ORD-1' };
  },
  handleWidgetEvent: async () => {
    if (m.outcome instanceof Error) throw m.outcome;
    return m.outcome;
  },
}));
const { startCheckoutAction, widgetEventAction } = await import('./actions');

const input = {
  productSlug: 'premium-monthly',
  flow: 'purchase',
  identifyBy: 'account',
  accountNumber: '20009100',
  lang: 'en',
};

describe('startCheckoutAction limit (test-strength X5)', () => {
  afterEach(() => {
    m.started = 0;
    m.limit = { ok: true, remaining: 29 };
  });

  it('under the limit, the checkout starts', async () => {
    const r = await startCheckoutAction(input as never);
    expect(r).toMatchObject({ ok: true });
    expect(m.started).toBe(1);
  });

  it('over it, "too many starts, try again in N minutes" and Flexiti is not asked', async () => {
    m.limit = { ok: false, retryAfterS: 125 };
    expect(await startCheckoutAction(input as never)).toEqual({
      ok: false,
      kind: 'error',
      message: 'tooManyStarts {"minutes":3}',
    });
    expect(m.started).toBe(0);
  });
});

describe("widgetEventAction answers the app's one ActionState", () => {
  const event = { orderId: 'SP-ABCDEFGHJK', event: { eventType: 'flx-cancel' } };

  it("ok when the window did its part (paid, being verified), the flow's kind and fields kept", async () => {
    m.outcome = { kind: 'paid', orderId: 'SP-ABCDEFGHJK' };
    expect(await widgetEventAction(event as never)).toEqual({ ok: true, kind: 'paid', orderId: 'SP-ABCDEFGHJK' });
    m.outcome = { kind: 'verifying', orderId: 'SP-ABCDEFGHJK', message: 'checking' };
    expect(await widgetEventAction(event as never)).toMatchObject({ ok: true, kind: 'verifying' });
  });

  it("a refusal when it closed without a payment, in the customer's words", async () => {
    m.outcome = { kind: 'switch', orderId: 'SP-ABCDEFGHJK', to: 'apply', message: 'x', notice: { key: 'switchApply' } };
    expect(await widgetEventAction(event as never)).toEqual({
      ok: false,
      kind: 'switch',
      orderId: 'SP-ABCDEFGHJK',
      to: 'apply',
      message: 'switchApply {}',
    });
    m.outcome = new Error('database gone'); // the flow threw: a plain message, never a 500
    expect(await widgetEventAction(event as never)).toEqual({ ok: false, kind: 'error', message: 'oops {}' });
  });
});
