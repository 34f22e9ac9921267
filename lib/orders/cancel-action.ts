'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getCurrentCustomer } from '@/lib/auth';
import { cancelOrder } from './cancel';

export type CancelActionState = { ok: boolean; message: string } | null;

const input = z.object({
  orderId: z.string().regex(/^SP-[A-Z0-9]{10}$/, 'orderId: not an order number'),
});

/** The order page's "Cancel order" button (components/orders/order-fulfilment-panel.tsx). */
export async function cancelOrderAction(_prev: CancelActionState, form: FormData): Promise<CancelActionState> {
  const parsed = input.safeParse({ orderId: form.get('orderId') });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const customer = await getCurrentCustomer();
  if (!customer) return { ok: false, message: 'Sign in again to cancel this order.' };
  const result = await cancelOrder(customer.id, parsed.data.orderId);
  revalidatePath(`/orders/${parsed.data.orderId}`);
  if (!result.ok) return { ok: false, message: result.message };
  return {
    ok: true,
    message: result.alreadyCancelled
      ? 'This order was already cancelled.'
      : 'Your order is cancelled. Your refund is on its way back to your Flexiti account.',
  };
}
