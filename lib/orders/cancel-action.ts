'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getCurrentCustomer } from '@/lib/auth';
import { cancelOrder } from './cancel';

export type CancelActionState = { ok: boolean; message: string } | null;

const input = z.object({
  orderId: z.string().regex(/^SP-[A-Z0-9]{10}$/, 'orderId: not an order number'),
});

/** The order page's "Cancel order", after the customer confirmed it (components/orders/cancel-order.tsx). */
export async function cancelOrderAction(_prev: CancelActionState, form: FormData): Promise<CancelActionState> {
  const t = await getTranslations('Order');
  const parsed = input.safeParse({ orderId: form.get('orderId') });
  if (!parsed.success) return { ok: false, message: t('invalidOrder') };
  const customer = await getCurrentCustomer();
  if (!customer) return { ok: false, message: t('cancelSignedOut') };
  const result = await cancelOrder(customer.id, parsed.data.orderId);
  revalidatePath(`/orders/${parsed.data.orderId}`);
  if (!result.ok) return { ok: false, message: t(`cancelRefused.${result.reason}`) };
  return { ok: true, message: result.alreadyCancelled ? t('alreadyCancelled') : t('cancelledMessage') };
}
