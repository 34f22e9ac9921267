'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { validatedActionWithCustomer } from '@/lib/actions/customer-action';
import type { ActionState } from '@/lib/actions/state';
import { cancelOrder, orderIdSchema } from '@/lib/orders';

export type CancelActionState = ActionState<object, object, 'refused' | 'invalid' | 'signed_out'> | null;

const order = async () => getTranslations('Order');

/** The order page's "Cancel order", after the customer confirmed it (components/orders/cancel-order.tsx). */
export const cancelOrderAction = validatedActionWithCustomer(
  z.object({ orderId: orderIdSchema }),
  async ({ orderId }, customer): Promise<CancelActionState> => {
    const t = await order();
    const result = await cancelOrder(customer.id, orderId);
    revalidatePath(`/orders/${orderId}`);
    if (!result.ok) return { ok: false, kind: 'refused', message: t(`cancelRefused.${result.reason}`) };
    return { ok: true, message: result.alreadyCancelled ? t('alreadyCancelled') : t('cancelledMessage') };
  },
  {
    onInvalid: async (): Promise<CancelActionState> => ({
      ok: false,
      kind: 'invalid',
      message: (await order())('invalidOrder'),
    }),
    onSignedOut: async (): Promise<CancelActionState> => ({
      ok: false,
      kind: 'signed_out',
      message: (await order())('cancelSignedOut'),
    }),
  },
);
