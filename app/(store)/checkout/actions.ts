'use server';

import { getTranslations } from 'next-intl/server';
import { getCurrentCustomer } from '@/lib/auth';
import { validatedAction } from '@/lib/actions/validated-action';
import { handleWidgetEvent, startCheckout, type StartCheckoutResult, type WidgetOutcome } from '@/lib/orders/checkout';
import { startCheckoutInputSchema, widgetEventInputSchema } from '@/lib/orders/checkout-schema';
import { hit } from '@/lib/security/rate-limit';

/**
 * The checkout's server actions. Input is parsed with the same schemas the browser used
 * (lib/orders/checkout-schema.ts); the customer comes from the session, never from the input.
 * An unexpected error becomes a plain message (never a 500); only its name is logged (no PII).
 */

type SignedOut = { ok: false; kind: 'signed_out'; message: string };

export type StartCheckoutActionResult = StartCheckoutResult | SignedOut;

export const startCheckoutAction = validatedAction(
  startCheckoutInputSchema,
  async ({ productSlug, ...form }): Promise<StartCheckoutActionResult> => {
    const t = await getTranslations('Checkout');
    const customer = await getCurrentCustomer();
    if (!customer) return { ok: false, kind: 'signed_out', message: t('signedOut') };
    // Each start is a Flexiti widget/init and possibly an order row: limited per customer.
    const limit = await hit('checkoutStart', customer.id);
    if (!limit.ok) {
      const minutes = Math.max(1, Math.ceil(limit.retryAfterS / 60));
      return { ok: false, kind: 'error', message: t('tooManyStarts', { minutes }) };
    }
    try {
      return await startCheckout(customer, productSlug, form);
    } catch (e) {
      console.error('checkout.start failed:', e instanceof Error ? e.name : 'unknown');
      return { ok: false, kind: 'error', message: t('oops') };
    }
  },
);

export type WidgetEventActionResult =
  WidgetOutcome | { kind: 'signed_out'; message: string } | { kind: 'error'; message: string };

export const widgetEventAction = validatedAction(
  widgetEventInputSchema,
  async ({ orderId, event }): Promise<WidgetEventActionResult> => {
    const t = await getTranslations('Checkout');
    const customer = await getCurrentCustomer();
    if (!customer) return { kind: 'signed_out', message: t('signedOut') };
    try {
      return await handleWidgetEvent(customer, orderId, event);
    } catch (e) {
      console.error('checkout.widget_event failed:', e instanceof Error ? e.name : 'unknown');
      return { kind: 'error', message: t('oops') };
    }
  },
);
