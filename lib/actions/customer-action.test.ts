import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

const getCurrentCustomer = vi.fn();
vi.mock('@/lib/auth', () => ({ getCurrentCustomer: () => getCurrentCustomer() }));
const { validatedActionWithCustomer } = await import('./customer-action');

const schema = z.object({ orderId: z.string().min(1, 'Not an order id') });
const priya = { id: 'cust-priya', firstName: 'Priya' };

describe('validatedActionWithCustomer', () => {
  beforeEach(() => getCurrentCustomer.mockReset());

  it('hands the signed-in customer (from the session, once) to the action', async () => {
    getCurrentCustomer.mockResolvedValue(priya);
    const run = validatedActionWithCustomer(schema, async (d, customer) => `${customer.id}:${d.orderId}`);
    expect(await run({ orderId: 'SP-1' })).toBe('cust-priya:SP-1');
    expect(getCurrentCustomer).toHaveBeenCalledTimes(1);
  });

  it('answers signed out without running the action (default and custom answers)', async () => {
    getCurrentCustomer.mockResolvedValue(null);
    const action = vi.fn(async () => 'ran');
    expect(await validatedActionWithCustomer(schema, action)({ orderId: 'SP-1' })).toEqual({
      ok: false,
      kind: 'signed_out',
    });
    const custom = validatedActionWithCustomer(schema, action, { onSignedOut: () => 'please sign in' });
    expect(await custom({ orderId: 'SP-1' })).toBe('please sign in');
    expect(action).not.toHaveBeenCalled();
  });

  it('refuses bad input before looking up the session', async () => {
    const r = await validatedActionWithCustomer(schema, async () => 'ran')({ orderId: '' });
    expect(r).toEqual({ ok: false, kind: 'invalid', fieldErrors: { orderId: 'Not an order id' } });
    expect(getCurrentCustomer).not.toHaveBeenCalled();
  });
});
