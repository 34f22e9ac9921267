'use client';

import { useRouter } from 'next/navigation';
import { NextIntlClientProvider, useLocale, useTranslations, type AbstractIntlMessages } from 'next-intl';
import { useCallback, useRef, useState, useTransition, type FormEvent } from 'react';
import { startCheckoutAction, type StartCheckoutActionResult } from './actions';
import { useHydrated } from '@/components/auth/use-hydrated';
import { fieldErrorsOf } from '@/lib/actions/validated-action';
import { localiseFieldErrors } from '@/lib/i18n/validation-message';
import type { Locale } from '@/lib/i18n/locales';
import { startCheckoutInputSchema, type StartCheckoutInput } from '@/lib/orders/browser';
import { ApplyFields, PurchaseFields, type Draft } from './checkout-fields';
import { CheckoutNotice, type Notice } from './checkout-notice';
import { startRefusalNotice, widgetClosedNotice } from './checkout-outcomes';
import { paymentChoiceTitleKey, toCheckoutInput, type PaymentChoice } from './payment-choice';
import { PaymentChoiceField } from './payment-choice-field';
import { useWidgetWindow, type WidgetAnswer } from './use-widget-window';
import { WidgetStep } from './widget-step';

type InvalidForm = { ok: false; kind: 'invalid'; fieldErrors: Record<string, string> };

function focusFirstError(fieldErrors: Record<string, string>) {
  requestAnimationFrame(() => {
    const first = Object.keys(fieldErrors)
      .map((k) => document.getElementById(`checkout-${k}`))
      .find(Boolean);
    first?.focus();
  });
}

type CheckoutFlowProps = {
  productSlug: string;
  /** The price this page shows: the server refuses to start at another (docs/refund-policy.md#price). */
  priceCents: number;
  /** "Paying $14.99 for 1 month of Premium": kept in view beside the widget at every step. */
  paying: string;
  /** The Flexiti Cardholder Agreement the apply form links to (none when not configured). */
  agreementUrl: string | null;
  widgetOrigin: string;
  initialDraft: Draft;
  initialChoice: PaymentChoice;
};

/**
 * The checkout: choose how to pay, fill its form (validated in the browser with the same schema as
 * the server; nothing is sent while invalid), open the Flexiti widget, and let the server act on
 * its answer. The draft lives here for the whole visit, so a cancel or a decline comes back to
 * a filled form.
 */
export function CheckoutFlow({
  productSlug,
  priceCents,
  paying,
  agreementUrl,
  widgetOrigin,
  initialDraft,
  initialChoice,
}: CheckoutFlowProps) {
  const router = useRouter();
  const t = useTranslations('Checkout');
  const tv = useTranslations('CheckoutValidation');
  // This code loads after the page (components/checkout/checkout-flow-lazy.tsx): until React runs
  // the form, its fields and button stay disabled, so nothing typed or tapped before is lost.
  const ready = useHydrated();
  // Flexiti's window opens in the store's language (widget/init `lang`).
  const lang = useLocale() === 'fr' ? 'fr' : 'en';
  const [choice, setChoice] = useState<PaymentChoice>(initialChoice);
  const [draft, setDraft] = useState<Draft>(initialDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pending, startTransition] = useTransition();
  // A synchronous guard: a double click fires twice before React re-renders the disabled button.
  const inFlight = useRef(false);
  const win = useWidgetWindow({
    onOutcome,
    onUnreachable: () => setNotice({ tone: 'error', message: t('unreachableCheck'), ordersLink: true }),
  });

  const set = useCallback(<K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => {
      if (!e[key]) return e;
      const { [key]: _removed, ...rest } = e;
      return rest;
    });
  }, []);

  function showInvalid(fieldErrors: Record<string, string>) {
    setErrors(fieldErrors);
    focusFirstError(fieldErrors);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    begin();
  }

  /** Opens a new Flexiti flow with the draft (the form's submit, and "Start again"). */
  function begin() {
    if (inFlight.current) return;
    const input = { ...toCheckoutInput(productSlug, choice, { ...draft, lang }), priceCents };
    const parsed = startCheckoutInputSchema.safeParse(input);
    setNotice(null);
    if (!parsed.success) return showInvalid(localiseFieldErrors(fieldErrorsOf(parsed.error), tv)); // nothing is sent
    setErrors({});
    inFlight.current = true;
    startTransition(async () => {
      try {
        // The raw draft is sent; the server parses it again with the same schema.
        onStarted(await startCheckoutAction(input as StartCheckoutInput));
      } catch {
        setNotice({ tone: 'error', message: t('unreachable'), retry: true });
      } finally {
        inFlight.current = false;
      }
    });
  }

  function onStarted(r: StartCheckoutActionResult | InvalidForm) {
    if (r.ok) return win.open(r.orderId, r.redirectionUrl, r.tokenExpiresInMs);
    if (r.kind === 'invalid') {
      showInvalid(r.fieldErrors);
      if ('message' in r) setNotice({ tone: 'error', message: r.message });
      return;
    }
    const { notice: next, refresh } = startRefusalNotice(r);
    if (refresh) router.refresh();
    setNotice(next);
  }

  function onOutcome(orderId: string, r: WidgetAnswer) {
    // Paid, or being confirmed with Flexiti: the order page says which, and follows by itself.
    // Never a "try again" here: Flexiti may have taken the payment. A paid order opens with its
    // "Order placed" confirmation.
    if (r.ok) {
      router.push(r.kind === 'paid' ? `/orders/${orderId}?placed=1` : `/orders/${orderId}`);
      return;
    }
    win.close();
    if (r.kind === 'switch') {
      setChoice(r.to);
      if (r.accountNumber) setDraft((d) => ({ ...d, identifyBy: 'account', accountNumber: r.accountNumber! }));
    }
    // A price that changed meanwhile shows on the page again.
    if (r.kind === 'expired') router.refresh();
    setNotice(widgetClosedNotice(r, t('unreadable')));
  }

  function choose(c: PaymentChoice) {
    setChoice(c);
    setErrors({});
  }

  const title = t(paymentChoiceTitleKey(choice));
  if (win.widget) {
    return (
      <WidgetStep
        title={title}
        paying={paying}
        checking={win.checking}
        warningMinutes={win.warningMinutes}
        url={win.widget.url}
        widgetOrigin={widgetOrigin}
        onEvent={win.onWidgetEvent}
      />
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-labelledby="pay-heading">
      <fieldset disabled={!ready} className="contents">
        {notice ? (
          <CheckoutNotice notice={notice} choice={choice} onChoose={choose} onRestart={begin} pending={pending} />
        ) : null}
        <PaymentChoiceField choice={choice} onChoose={choose} />
        <section aria-label={title} className="rounded-xl bg-white p-4">
          {choice === 'purchase' ? (
            <PurchaseFields draft={draft} errors={errors} set={set} />
          ) : (
            <ApplyFields draft={draft} errors={errors} set={set} agreementUrl={agreementUrl} />
          )}
        </section>
        {errors.form || errors.productSlug ? (
          <p role="alert" className="text-red-700">
            {errors.form ?? errors.productSlug}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="h-12 w-full rounded-xl bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto"
        >
          {pending ? t('opening') : t('continue')}
        </button>
      </fieldset>
    </form>
  );
}

/**
 * The checkout flow with its own next-intl provider: loaded only when a signed-in customer's
 * checkout renders it, so next-intl's client runtime and the Flexiti flow stay out of every other
 * page's first load, the signed-out checkout's included.
 */
export function CheckoutFlowWithMessages({
  locale,
  messages,
  ...props
}: CheckoutFlowProps & { locale: Locale; messages: AbstractIntlMessages }) {
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone="UTC">
      <CheckoutFlow {...props} />
    </NextIntlClientProvider>
  );
}
