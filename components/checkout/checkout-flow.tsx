'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { NextIntlClientProvider, useLocale, useTranslations, type AbstractIntlMessages } from 'next-intl';
import { useCallback, useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import {
  startCheckoutAction,
  widgetEventAction,
  type StartCheckoutActionResult,
  type WidgetEventActionResult,
} from './actions';
import { useHydrated } from '@/components/auth/use-hydrated';
import { fieldErrorsOf } from '@/lib/actions/validated-action';
import { localiseFieldErrors } from '@/lib/i18n/validation-message';
import type { Locale } from '@/lib/i18n/locales';
import { startCheckoutInputSchema, type StartCheckoutInput } from '@/lib/orders/checkout/schema';
import type { FlexitiWidgetEvent } from '@/lib/partners/flexiti/browser';
import { ApplyFields, PurchaseFields, type Draft } from './checkout-fields';
import { FlexitiWidgetFrame } from './flexiti-widget-frame';
import { PayingLine } from './paying-line';

export type Route = 'purchase' | 'apply';

type Notice = {
  tone: 'error' | 'info';
  message: string;
  offer?: Route;
  activationUrl?: string;
  ordersLink?: boolean;
  /** A "Try again" button (it submits the form again): for a failure that a new attempt can fix. */
  retry?: boolean;
  /** The order through which the customer already holds this plan. */
  orderLink?: string;
  /** The flow timed out: one tap starts a new one (a new Flexiti window and token). */
  restart?: boolean;
};

/**
 * docs/partners/flexiti.md#flow-token: the widget works only while the flow's token lives. Warn
 * this long before it runs out (half the life for short test tokens).
 */
const warnBeforeMs = (lifeMs: number) => Math.min(3 * 60_000, lifeMs / 2);

const ROUTES = [
  { value: 'purchase', title: 'routePurchase', blurb: 'routePurchaseBlurb' },
  { value: 'apply', title: 'routeApply', blurb: 'routeApplyBlurb' },
] as const;

/** The draft as the server action's input: only the chosen route's fields. */
function toInput(productSlug: string, route: Route, d: Draft) {
  const personal = {
    firstName: d.firstName,
    lastName: d.lastName,
    dateOfBirth: d.dateOfBirth,
    postalCode: d.postalCode,
  };
  if (route === 'purchase') {
    const id =
      d.identifyBy === 'account'
        ? { accountNumber: d.accountNumber }
        : d.identifyBy === 'card'
          ? { cardNumber: d.cardNumber }
          : personal;
    return { productSlug, flow: 'purchase' as const, lang: d.lang, identifyBy: d.identifyBy, ...id };
  }
  return {
    productSlug,
    flow: 'apply' as const,
    lang: d.lang,
    ...personal,
    email: d.email,
    mobile: d.mobile,
    address1: d.address1,
    address2: d.address2,
    city: d.city,
    province: d.province,
    agreeToTerms: d.agreeToTerms,
  };
}

/**
 * The checkout: choose a route, fill its form (validated in the browser with the same schema as
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
  initialRoute,
}: {
  productSlug: string;
  /** The price this page shows: the server refuses to start at another (docs/refund-policy.md#price). */
  priceCents: number;
  /** "Paying $14.99 for 1 month of Premium": kept in view beside the widget at every step. */
  paying: string;
  /** The Flexiti Cardholder Agreement the apply form links to (none when not configured). */
  agreementUrl: string | null;
  widgetOrigin: string;
  initialDraft: Draft;
  initialRoute: Route;
}) {
  const router = useRouter();
  const t = useTranslations('Checkout');
  const tv = useTranslations('CheckoutValidation');
  // This code loads after the page (components/checkout/checkout-flow-lazy.tsx): until React runs
  // the form, its fields and button stay disabled, so nothing typed or tapped before is lost.
  const ready = useHydrated();
  // Flexiti's window opens in the store's language (widget/init `lang`).
  const lang = useLocale() === 'fr' ? 'fr' : 'en';
  const routeTitle = (r: Route) => t(ROUTES.find((x) => x.value === r)!.title);
  const [route, setRoute] = useState<Route>(initialRoute);
  const [draft, setDraft] = useState<Draft>(initialDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [widget, setWidget] = useState<{ orderId: string; url: string; deadline: number; warnBefore: number } | null>(
    null,
  );
  const [checking, setChecking] = useState(false);
  // The same, for timers set before it changed.
  const checkingRef = useRef(false);
  /** Minutes left when the time warning showed, for the window with that deadline. */
  const [timeWarning, setTimeWarning] = useState<{ deadline: number; minutes: number } | null>(null);
  const [pending, startTransition] = useTransition();
  const noticeRef = useRef<HTMLDivElement>(null);
  // A synchronous guard: a double click fires twice before React re-renders the disabled button.
  const inFlight = useRef(false);

  const set = useCallback(<K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => {
      if (!e[key]) return e;
      const { [key]: _removed, ...rest } = e;
      return rest;
    });
  }, []);

  function show(n: Notice) {
    setNotice(n);
  }

  // Every notice is brought into view below the sticky header (its scroll-margin) and takes focus,
  // once it is on the page: after the widget closes, the form renders again first.
  useEffect(() => {
    const el = noticeRef.current;
    if (!notice || !el) return;
    el.scrollIntoView({ block: 'start', behavior: 'instant' });
    el.focus({ preventScroll: true });
  }, [notice]);

  function focusFirstError(fieldErrors: Record<string, string>) {
    requestAnimationFrame(() => {
      const first = Object.keys(fieldErrors)
        .map((k) => document.getElementById(`checkout-${k}`))
        .find(Boolean);
      first?.focus();
    });
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    begin();
  }

  /** Opens a new Flexiti flow with the draft (the form's submit, and "Start again"). */
  function begin() {
    if (inFlight.current) return;
    const input = { ...toInput(productSlug, route, { ...draft, lang }), priceCents };
    const parsed = startCheckoutInputSchema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = localiseFieldErrors(fieldErrorsOf(parsed.error), tv);
      setErrors(fieldErrors);
      setNotice(null);
      focusFirstError(fieldErrors);
      return; // nothing is sent while the form is invalid
    }
    setErrors({});
    setNotice(null);
    inFlight.current = true;
    startTransition(async () => {
      try {
        // The raw draft is sent; the server parses it again with the same schema.
        onStarted(await startCheckoutAction(input as StartCheckoutInput));
      } catch {
        show({ tone: 'error', message: t('unreachable'), retry: true });
      } finally {
        inFlight.current = false;
      }
    });
  }

  function onStarted(
    r: StartCheckoutActionResult | { ok: false; kind: 'invalid'; fieldErrors: Record<string, string> },
  ) {
    if (r.ok) {
      const life = r.tokenExpiresInMs;
      setWidget({
        orderId: r.orderId,
        url: r.redirectionUrl,
        deadline: Date.now() + life,
        warnBefore: warnBeforeMs(life),
      });
      return;
    }
    if (r.kind === 'invalid') {
      setErrors(r.fieldErrors);
      focusFirstError(r.fieldErrors);
      if ('message' in r) show({ tone: 'error', message: r.message });
      return;
    }
    if (r.kind === 'signed_out') {
      router.refresh();
    }
    if (r.kind === 'verifying') {
      show({ tone: 'info', message: r.message, ordersLink: true });
      return;
    }
    if (r.kind === 'held') {
      show({ tone: 'info', message: r.message, orderLink: r.orderId });
      return;
    }
    if (r.kind === 'price_changed') {
      // The page shows the current price again (server-rendered); the customer confirms it.
      router.refresh();
      show({ tone: 'info', message: r.message });
      return;
    }
    // Flexiti failed to open its window (it carries a support reference): another attempt may work.
    show({ tone: 'error', message: r.message, retry: 'referenceId' in r && Boolean(r.referenceId) });
  }

  function onOutcome(orderId: string, r: WidgetEventActionResult | { ok: false; kind: 'invalid' }) {
    // Paid, or being confirmed with Flexiti: the order page says which, and follows by itself.
    // Never a "try again" here: Flexiti may have taken the payment.
    if (r.kind === 'paid' || r.kind === 'verifying') {
      // A paid order opens with its "Order placed" confirmation.
      router.push(r.kind === 'paid' ? `/orders/${orderId}?placed=1` : `/orders/${orderId}`);
      return;
    }
    setWidget(null);
    switch (r.kind) {
      case 'failed':
        // A Flexiti error (not a decline, which offers the other route): a new attempt may work.
        show({ tone: 'error', message: r.message, offer: r.offer, retry: Boolean(r.referenceId) && !r.offer });
        return;
      case 'activation':
        show({ tone: 'info', message: r.message, activationUrl: r.url });
        return;
      case 'switch':
        setRoute(r.to);
        if (r.accountNumber) setDraft((d) => ({ ...d, identifyBy: 'account', accountNumber: r.accountNumber! }));
        show({ tone: 'info', message: r.message });
        return;
      case 'expired':
        // A price that changed meanwhile shows on the page again.
        router.refresh();
        show({ tone: 'info', message: r.message, restart: true });
        return;
      case 'cancelled':
      case 'retry':
        show({ tone: 'info', message: r.message });
        return;
      case 'stale':
        show({ tone: 'info', message: r.message, ordersLink: true });
        return;
      case 'held':
        show({ tone: 'info', message: r.message, orderLink: r.heldOrderId });
        return;
      case 'invalid':
        show({ tone: 'error', message: t('unreadable') });
        return;
      default:
        show({ tone: 'error', message: r.message });
    }
  }

  // The frame keeps the latest handler in a ref, so a plain function is enough here.
  function onWidgetEvent(event: FlexitiWidgetEvent) {
    if (!widget || checkingRef.current) return;
    const { orderId } = widget;
    checkingRef.current = true;
    setChecking(true);
    void widgetEventAction({ orderId, event })
      .then((r) => onOutcome(orderId, r))
      .catch(() =>
        show({
          tone: 'error',
          message: t('unreachableCheck'),
          ordersLink: true,
        }),
      )
      .finally(() => {
        checkingRef.current = false;
        setChecking(false);
      });
  }

  // The flow's time (docs/partners/flexiti.md#flow-token): a warning before it runs out; at the end,
  // unless the widget's answer is being checked, the window closes and the server records the
  // time-out as the widget would (a failure with status 401): "timed out, nothing charged, start again".
  const timeUp = useRef(onWidgetEvent);
  timeUp.current = onWidgetEvent;
  useEffect(() => {
    if (!widget) return;
    const left = () => widget.deadline - Date.now();
    const warn = setTimeout(
      () => setTimeWarning({ deadline: widget.deadline, minutes: Math.max(1, Math.ceil(left() / 60_000)) }),
      Math.max(0, left() - widget.warnBefore),
    );
    const end = setTimeout(
      () =>
        timeUp.current({
          eventType: 'flx-failure',
          eventData: { error: 401, message: 'The Flexiti session timed out' },
        }),
      Math.max(0, left()),
    );
    return () => {
      clearTimeout(warn);
      clearTimeout(end);
    };
  }, [widget]);

  function chooseRoute(r: Route) {
    setRoute(r);
    setErrors({});
  }

  if (widget) {
    return (
      <section aria-labelledby="widget-heading" className="space-y-3">
        <h2 id="widget-heading" className="text-xl font-semibold">
          {routeTitle(route)}
        </h2>
        <PayingLine text={paying} />
        <p className="text-slate-700">{t('widgetIntro')}</p>
        {checking ? (
          <p role="status" className="rounded-lg bg-brand-50 p-3 font-medium">
            {t('checking')}
          </p>
        ) : null}
        {timeWarning?.deadline === widget.deadline && !checking ? (
          <p
            role="status"
            data-testid="checkout-time-warning"
            className="rounded-lg bg-amber-50 p-3 font-medium text-amber-950"
          >
            {t('timeoutWarning', { minutes: timeWarning.minutes })}
          </p>
        ) : null}
        <FlexitiWidgetFrame url={widget.url} widgetOrigin={widgetOrigin} onEvent={onWidgetEvent} />
      </section>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-labelledby="pay-heading">
      <fieldset disabled={!ready} className="contents">
        {notice ? (
          <div
            ref={noticeRef}
            tabIndex={-1}
            role={notice.tone === 'error' ? 'alert' : 'status'}
            data-testid="checkout-notice"
            className={`scroll-mt-32 space-y-2 rounded-lg p-4 ${notice.tone === 'error' ? 'bg-red-50 text-red-900' : 'bg-brand-50 text-slate-900'}`}
          >
            <p>{notice.message}</p>
            {notice.activationUrl ? (
              <p>
                <a
                  href={notice.activationUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="font-semibold underline"
                >
                  {t('activateLink')}
                </a>
              </p>
            ) : null}
            {notice.offer && notice.offer !== route ? (
              <button
                type="button"
                onClick={() => chooseRoute(notice.offer!)}
                className="min-h-12 rounded-lg border border-current px-4 font-semibold"
              >
                {t('instead', { route: routeTitle(notice.offer) })}
              </button>
            ) : null}
            {notice.retry ? (
              <button
                type="submit"
                className="min-h-12 rounded-lg border border-current px-4 font-semibold"
                data-testid="notice-retry"
              >
                {t('tryAgain')}
              </button>
            ) : null}
            {notice.orderLink ? (
              <p>
                <Link
                  href={`/orders/${notice.orderLink}`}
                  data-testid="held-order-link"
                  className="inline-flex min-h-11 items-center font-semibold underline"
                >
                  {t('heldOrderLink')}
                </Link>
              </p>
            ) : null}
            {notice.restart ? (
              <button
                type="button"
                onClick={begin}
                disabled={pending}
                className="min-h-12 rounded-lg bg-brand-600 px-4 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
              >
                {pending ? t('opening') : t('startAgain')}
              </button>
            ) : null}
            {notice.ordersLink ? (
              <p>
                <Link href="/orders" className="inline-flex min-h-11 items-center font-semibold underline">
                  {t('ordersLink')}
                </Link>
              </p>
            ) : null}
          </div>
        ) : null}

        <fieldset className="space-y-2">
          <legend id="pay-heading" className="mb-2 text-xl font-semibold">
            {t('howToPay')}
          </legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {ROUTES.map((r) => (
              <label
                key={r.value}
                className="flex cursor-pointer gap-3 rounded-xl border-2 border-slate-300 bg-white p-4 has-[:checked]:border-brand-600"
              >
                <input
                  type="radio"
                  name="route"
                  value={r.value}
                  checked={route === r.value}
                  onChange={() => chooseRoute(r.value)}
                  className="mt-1 h-5 w-5 shrink-0 accent-brand-600"
                />
                <span>
                  <span className="block font-semibold">{t(r.title)}</span>
                  <span className="block text-sm text-slate-600">{t(r.blurb)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <section aria-label={routeTitle(route)} className="rounded-xl bg-white p-4">
          {route === 'purchase' ? (
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
}: Parameters<typeof CheckoutFlow>[0] & { locale: Locale; messages: AbstractIntlMessages }) {
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone="UTC">
      <CheckoutFlow {...props} />
    </NextIntlClientProvider>
  );
}
