import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { LocalTime } from '@/components/ui/local-time';
import { getConfig } from '@/lib/config';
import { getStoreFormat } from '@/lib/i18n/store-format';
import { type FulfilmentView, getFulfilmentView, type Order, wasPaid } from '@/lib/orders';
import { CancelOrder } from './cancel-order';

type Step = 'done' | 'current' | 'upcoming';

/**
 * The order page's "Your plan" panel for a paid order: plain steps Paid → Activate → Watching,
 * "Cancel order" (with its confirmation) while the order can be cancelled, and after a cancel
 * what happened to access and money. How OpenTV and Flipkart's OMS were told is ops' business
 * (/ops/orders/<id>), not the customer's. Nothing before payment.
 */
export async function OrderFulfilmentPanel({ order, productName }: { order: Order; productName: string }) {
  const view = await getFulfilmentView(order.customerId, order.id);
  if (!view || !wasPaid(view.state)) return null;
  const [t, format] = await Promise.all([getTranslations('Order'), getStoreFormat()]);
  const amount = format.money(view.amountCents, view.currency);
  const p = view.provisioning;
  const inFlight =
    p.kind === 'not-started' ||
    p.kind === 'retrying' ||
    p.kind === 'pending' ||
    view.refund.kind === 'in-progress' ||
    view.refund.kind === 'awaiting-access';
  const when = (d: Date) =>
    function When() {
      return <LocalTime iso={d.toISOString()} />;
    };

  return (
    <section
      aria-labelledby="fulfilment-heading"
      className="space-y-4 rounded-lg bg-white p-4 shadow-sm"
      data-testid="fulfilment-panel"
    >
      <h2 id="fulfilment-heading" className="text-lg font-semibold text-slate-900">
        {view.state === 'CANCELLED' ? t('cancelledTitle') : t('steps')}
      </h2>
      {view.state === 'CANCELLED' ? (
        <div className="space-y-1 text-slate-800">
          {view.cancelledBecause === 'undeliverable' ? (
            <p data-testid="undeliverable">{t('undeliverable', { amount })}</p>
          ) : null}
          {view.refund.kind === 'awaiting-access' ? null : (
            <p data-testid="provisioning" data-status={p.kind === 'ended' ? p.status : p.kind.toUpperCase()}>
              {p.kind === 'ended' || p.kind === 'active' ? t('accessEnded') : t('neverActivated')}
            </p>
          )}
          <p data-testid="refund" data-status={view.refund.kind}>
            <RefundText view={view} due={format.money(view.refundDueCents, view.currency)} />
          </p>
        </div>
      ) : (
        <ol className="space-y-3" aria-label={t('steps')}>
          <PlanStep title={t('stepPaid')} step="done" label={t('done')}>
            {t.rich('paidDetail', { amount, when: when(order.confirmedAt ?? order.createdAt) })}
          </PlanStep>
          <PlanStep
            title={t('stepActivate')}
            step={p.kind === 'active' ? 'done' : 'current'}
            label={p.kind === 'active' ? t('done') : t('current')}
          >
            <span
              data-testid="provisioning"
              data-status={p.kind === 'pending' ? 'PENDING' : p.kind === 'active' ? 'ACTIVE' : p.kind.toUpperCase()}
            >
              <ActivateText view={view} />
            </span>
          </PlanStep>
          <PlanStep
            title={t('stepWatching')}
            step={p.kind === 'active' ? 'current' : 'upcoming'}
            label={p.kind === 'active' ? t('current') : t('upcoming')}
          >
            {p.kind === 'active' ? (
              <>
                {t('watchingText')}{' '}
                <a
                  href={getConfig().watchUrl}
                  className="mt-2 flex min-h-11 w-fit items-center rounded-lg bg-brand-600 px-4 font-semibold text-white hover:bg-brand-700"
                  data-testid="start-watching"
                >
                  {t('startWatching')}
                </a>
              </>
            ) : null}
          </PlanStep>
        </ol>
      )}
      {/* Always rendered (same place in the tree), so the cancel's result stays on screen after the
          panel re-renders without the button. */}
      <CancelOrder
        orderId={view.orderId}
        cancellable={view.cancellable}
        productName={productName}
        amount={view.refundNow ? format.money(view.refundNow.refundCents, view.currency) : amount}
        policy={
          view.refundNow?.rule === 'pro_rata_unused_days'
            ? t('confirmPolicyProRata', {
                used: view.refundNow.usedDays,
                days: view.refundNow.periodDays,
                unused: view.refundNow.periodDays - view.refundNow.usedDays,
              })
            : t('confirmPolicyFull')
        }
        hint={view.lastFulfillmentAt ? t.rich('cancelUntil', { when: when(view.lastFulfillmentAt) }) : null}
      />
      {view.sandbox && view.cancellable ? (
        <p className="text-sm text-slate-600">
          {t.rich('sandboxClock', {
            link: () => (
              <Link href="/sandbox/clock" className="text-blue-800 underline">
                {t('sandboxClockLink')}
              </Link>
            ),
          })}
        </p>
      ) : null}
      {inFlight ? <AutoRefresh everyMs={2000} /> : null}
    </section>
  );
}

async function RefundText({ view, due }: { view: FulfilmentView; due: string }) {
  const [t, format] = await Promise.all([getTranslations('Order'), getStoreFormat()]);
  const r = view.refund;
  if (r.kind === 'done') {
    return r.returnId ? t('refundDone', { amount: format.money(r.amountCents, view.currency) }) : t('refundReleased');
  }
  if (r.kind === 'failed') return t('refundFailed');
  if (r.kind === 'awaiting-access') return t('cancelInProgress', { amount: due });
  if (r.kind === 'nothing-due') return t('refundNothingDue');
  return t('refundPending', { amount: due });
}

function PlanStep({
  title,
  step,
  label,
  children,
}: {
  title: string;
  step: Step;
  label: string;
  children?: ReactNode;
}) {
  const dot =
    step === 'done'
      ? 'bg-emerald-600 text-white'
      : step === 'current'
        ? 'bg-brand-600 text-white'
        : 'border-2 border-slate-300 bg-white text-slate-500';
  return (
    <li className="flex gap-3" data-step={step}>
      <span
        aria-hidden
        className={`mt-0.5 grid h-7 w-7 shrink-0 place-items-center rounded-full text-sm font-bold ${dot}`}
      >
        {step === 'done' ? '✓' : '•'}
      </span>
      <div className="min-w-0">
        <p className="font-semibold text-slate-900">
          {title} <span className="sr-only">({label})</span>
        </p>
        {children ? <div className="text-slate-700">{children}</div> : null}
      </div>
    </li>
  );
}

/**
 * OpenTV's activation link with the store's language and the way back to this order: the
 * activation page speaks the customer's language and its "Back to StreamPlus" returns here
 * (docs/partners/opentv.md#activation).
 */
function activationLink(url: string, lang: string, orderId: string): string {
  try {
    const link = new URL(url);
    link.searchParams.set('lang', lang);
    link.searchParams.set('return', `/orders/${orderId}`);
    return link.toString();
  } catch {
    return url;
  }
}

async function ActivateText({ view }: { view: FulfilmentView }) {
  const [t, locale] = await Promise.all([getTranslations('Order'), getLocale()]);
  const p = view.provisioning;
  switch (p.kind) {
    case 'not-started':
      return t('settingUp');
    case 'retrying':
      return t('settingUpSlow');
    case 'failed':
      return t('setupFailed');
    case 'pending':
      return p.activationUrl ? (
        <>
          {t('activateText')}{' '}
          <a
            href={activationLink(p.activationUrl, locale, view.orderId)}
            className="mt-2 flex min-h-11 w-fit items-center rounded-lg bg-brand-600 px-4 font-semibold text-white hover:bg-brand-700"
          >
            {t('activateLink')}
          </a>
        </>
      ) : (
        t('activateWaiting')
      );
    case 'active':
      return t('activated');
    default:
      return t('setupFailed');
  }
}
