import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The checkout-start limit lives in the server action (30 starts per customer per 10 minutes):
 * over it, the customer reads when to try again and Flexiti is not asked (no startCheckout).
 */
const m = vi.hoisted(() => ({
  limit: { ok: true, remaining: 29 } as { ok: boolean; remaining?: number; retryAfterS?: number },
  started: 0,
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
  handleWidgetEvent: async () => null,
}));
const { startCheckoutAction } = await import('./actions');

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
