'use server';

import { getTranslations } from 'next-intl/server';
import type { Notice } from '@/lib/i18n/notice';
import { validatedActionWithCustomer } from '@/lib/actions/customer-action';
import type { ActionState, SignedOut as Refused, ValidationFailure } from '@/lib/actions/state';
import { localiseFieldErrors } from '@/lib/i18n/validation-message';
import {
  handleWidgetEvent,
  startCheckout,
  startCheckoutInputSchema,
  type StartCheckoutResult,
  widgetEventInputSchema,
  type WidgetOutcome,
} from '@/lib/orders';
import { hit } from '@/lib/security/rate-limit';

/**
 * The checkout's server actions. Input is parsed with the same schemas the browser used
 * (lib/orders/checkout/schema.ts); the customer comes from the session, never from the input.
 * An unexpected error becomes a plain message (never a 500); only its name is logged (no PII).
 */

/** The outcome's message in the customer's language (lib/i18n/notice.ts); the English stays server-side. */
async function inCustomerLanguage<R extends object>(result: R): Promise<R> {
  const said = result as { notice?: Notice };
  if (!said.notice) return result;
  const t = await getTranslations('CheckoutNotice');
  const { notice, ...rest } = said;
  return { ...rest, message: t(notice.key, notice.values) } as R;
}

type SignedOut = Refused & { message: string };

const signedOutMessage = async () => (await getTranslations('Checkout'))('signedOut');

export type StartCheckoutActionResult = StartCheckoutResult | SignedOut;

const startCheckoutValidated = validatedActionWithCustomer(
  startCheckoutInputSchema,
  async ({ productSlug, priceCents, ...form }, customer): Promise<StartCheckoutActionResult> => {
    const t = await getTranslations('Checkout');
    // Each start is a Flexiti widget/init and possibly an order row: limited per customer.
    const limit = await hit('checkoutStart', customer.id);
    if (!limit.ok) {
      const minutes = Math.max(1, Math.ceil(limit.retryAfterS / 60));
      return { ok: false, kind: 'error', message: t('tooManyStarts', { minutes }) };
    }
    try {
      return inCustomerLanguage(await startCheckout(customer, productSlug, form, { shownPriceCents: priceCents }));
    } catch (e) {
      console.error('checkout.start failed:', e instanceof Error ? e.name : 'unknown');
      return { ok: false, kind: 'error', message: t('oops') };
    }
  },
  {
    onSignedOut: async (): Promise<SignedOut> => ({ ok: false, kind: 'signed_out', message: await signedOutMessage() }),
  },
);

/** Starts a checkout; a form the schema refuses is answered field by field in the customer's language. */
export async function startCheckoutAction(
  input: Parameters<typeof startCheckoutValidated>[0],
): Promise<StartCheckoutActionResult | ValidationFailure> {
  const r = await startCheckoutValidated(input);
  if (r.ok || r.kind !== 'invalid') return r;
  return { ...r, fieldErrors: localiseFieldErrors(r.fieldErrors, await getTranslations('CheckoutValidation')) };
}

/** Paid, or being confirmed with Flexiti: the window did its part, the order page takes over. */
type WindowDone = Extract<WidgetOutcome, { kind: 'paid' | 'verifying' }>;
/** The window closed without a payment (declined, cancelled, switched, timed out, ...): the checkout says why. */
type WindowClosed = Exclude<WidgetOutcome, WindowDone>;

/** The app's one answer shape (lib/actions/state.ts): the flow's outcome, `ok` when the window did its part. */
export type WidgetEventActionResult = ActionState<
  WindowDone,
  WindowClosed | { kind: 'signed_out'; message: string } | { kind: 'error'; message: string }
>;

const asActionState = (o: WidgetOutcome): WidgetEventActionResult =>
  o.kind === 'paid' || o.kind === 'verifying' ? { ok: true, ...o } : { ok: false, ...o };

export const widgetEventAction = validatedActionWithCustomer(
  widgetEventInputSchema,
  async ({ orderId, event }, customer): Promise<WidgetEventActionResult> => {
    const t = await getTranslations('Checkout');
    try {
      return asActionState(await inCustomerLanguage(await handleWidgetEvent(customer, orderId, event)));
    } catch (e) {
      console.error('checkout.widget_event failed:', e instanceof Error ? e.name : 'unknown');
      return { ok: false, kind: 'error', message: t('oops') };
    }
  },
  {
    onSignedOut: async (): Promise<SignedOut> => ({ ok: false, kind: 'signed_out', message: await signedOutMessage() }),
  },
);
