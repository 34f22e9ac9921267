'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { paymentChoiceTitleKey, type PaymentChoice } from './payment-choice';

export type Notice = {
  tone: 'error' | 'info';
  message: string;
  offer?: PaymentChoice;
  activationUrl?: string;
  ordersLink?: boolean;
  /** A "Try again" button (it submits the form again): for a failure that a new attempt can fix. */
  retry?: boolean;
  /** The order through which the customer already holds this plan. */
  orderLink?: string;
  /** The flow timed out: one tap starts a new one (a new Flexiti window and token). */
  restart?: boolean;
};

const BUTTON = 'min-h-12 rounded-lg border border-current px-4 font-semibold';
const LINK = 'inline-flex min-h-11 items-center font-semibold underline';

/**
 * The checkout's one message, with what the customer can do next. It is brought into view below
 * the sticky header (its scroll-margin) and takes focus once it is on the page: after the widget
 * closes, the form renders again first.
 */
export function CheckoutNotice({
  notice,
  choice,
  onChoose,
  onRestart,
  pending,
}: {
  notice: Notice;
  choice: PaymentChoice;
  onChoose: (choice: PaymentChoice) => void;
  onRestart: () => void;
  pending: boolean;
}) {
  const t = useTranslations('Checkout');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.scrollIntoView({ block: 'start', behavior: 'instant' });
    el.focus({ preventScroll: true });
  }, [notice]);
  const offer = notice.offer && notice.offer !== choice ? notice.offer : null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={notice.tone === 'error' ? 'alert' : 'status'}
      data-testid="checkout-notice"
      className={`scroll-mt-32 space-y-2 rounded-lg p-4 ${notice.tone === 'error' ? 'bg-red-50 text-red-900' : 'bg-brand-50 text-slate-900'}`}
    >
      <p>{notice.message}</p>
      {notice.activationUrl ? (
        <p>
          <a href={notice.activationUrl} target="_blank" rel="noopener noreferrer" className="font-semibold underline">
            {t('activateLink')}
          </a>
        </p>
      ) : null}
      {offer ? (
        <button type="button" onClick={() => onChoose(offer)} className={BUTTON}>
          {t('instead', { route: t(paymentChoiceTitleKey(offer)) })}
        </button>
      ) : null}
      {notice.retry ? (
        <button type="submit" className={BUTTON} data-testid="notice-retry">
          {t('tryAgain')}
        </button>
      ) : null}
      {notice.orderLink ? (
        <p>
          <Link href={`/orders/${notice.orderLink}`} data-testid="held-order-link" className={LINK}>
            {t('heldOrderLink')}
          </Link>
        </p>
      ) : null}
      {notice.restart ? (
        <button
          type="button"
          onClick={onRestart}
          disabled={pending}
          className="min-h-12 rounded-lg bg-brand-600 px-4 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? t('opening') : t('startAgain')}
        </button>
      ) : null}
      {notice.ordersLink ? (
        <p>
          <Link href="/orders" className={LINK}>
            {t('ordersLink')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
