import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OpenTvConflictNote } from '@/components/account/opentv-conflict-note';
import { getTranslations } from 'next-intl/server';
import { OrderFulfilmentPanel } from '@/components/orders/order-fulfilment-panel';
import { OrderHistory } from '@/components/orders/order-history';
import { OrderPlaced } from '@/components/orders/order-placed';
import { OrderStateBadge } from '@/components/orders/order-state-badge';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { requireCustomer } from '@/lib/auth';
import { getProductNamer, getStoreFormat } from '@/lib/i18n/store-format';
import { AccessLine } from '@/components/orders/access-line';
import {
  customerHistory,
  getCustomerOrder,
  hasOpenTvSignonConflict,
  isPaid,
  newFlexitiAccountFor,
  orderIdSchema,
} from '@/lib/orders';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await getTranslations('Meta'))('order', { id: (await params).id }) };
}

/**
 * One of the customer's orders: what they bought, where it stands in plain steps, and its history
 * in their words. Another customer's order is a 404, like a missing one. No partner references:
 * support finds an order by its id.
 */
export default async function OrderPage({ params, searchParams }: Props) {
  const { id } = await params;
  const customer = await requireCustomer(`/orders/${encodeURIComponent(id)}`);
  if (!orderIdSchema.safeParse(id).success) notFound();
  const detail = await getCustomerOrder(customer.id, id);
  if (!detail) notFound();
  const { order, product, events } = detail;
  const [t, th, format, nameOf] = await Promise.all([
    getTranslations('Order'),
    getTranslations('History'),
    getStoreFormat(),
    getProductNamer(),
  ]);
  const productName = nameOf(product);
  const newAccount = isPaid(order.state) ? await newFlexitiAccountFor(order.id) : null;
  const amount = format.money(order.amountCents, order.currency);
  const placed = (await searchParams).placed === '1' && isPaid(order.state);
  const failure =
    order.state === 'PAYMENT_FAILED'
      ? customerHistory(events).findLast((e) => e.toState === 'PAYMENT_FAILED')
      : undefined;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="space-y-1">
        <Link href="/orders" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
          ← {t('back')}
        </Link>
        <h1 className="text-2xl font-bold">{t('title', { id: order.id })}</h1>
      </div>
      {/* Rendered for every order: it drops `?placed=1` even when the order is no longer paid (an
          order OpenTV refused is refunded before the page first renders), and shows only when paid. */}
      <OrderPlaced placed={placed && isPaid(order.state)}>
        <h2 className="text-lg font-semibold">{t('placedTitle')}</h2>
        <p>{t('placedText', { amount })}</p>
      </OrderPlaced>
      <section aria-label={t('summary')} className="space-y-2 rounded-xl bg-white p-4">
        <p className="flex flex-wrap items-baseline justify-between gap-2">
          <span className="font-semibold" data-testid="term">
            {format.access(productName, product.billingPeriod)}
          </span>
          <span className="font-semibold">{amount}</span>
        </p>
        <OrderStateBadge state={order.state} entitlementStatus={order.entitlementStatus} />
        <AccessLine
          state={order.state}
          activatedAt={order.activatedAt}
          term={product.billingPeriod}
          className="block"
        />
        {isPaid(order.state) ? (
          <p className="text-slate-700" data-testid="paid-note">
            {t('paidNote')}
          </p>
        ) : null}
        {newAccount ? (
          // A new applicant's moment: the widget's approval is gone in a blink, so it is said here.
          <p className="rounded-lg bg-emerald-50 p-3 text-emerald-950" data-testid="new-account">
            {newAccount.creditLimitCents === null
              ? t('newAccountNoLimit', { last4: newAccount.last4 })
              : t('newAccount', {
                  last4: newAccount.last4,
                  limit: format.money(newAccount.creditLimitCents, order.currency),
                })}
          </p>
        ) : null}
        {order.state === 'PAYMENT_VERIFYING' ? (
          <div role="status" className="space-y-1 rounded-lg bg-sky-50 p-3 text-slate-900" data-testid="verifying-note">
            <p className="font-semibold">{t('verifyingTitle')}</p>
            <p>{t('verifyingText')}</p>
            <AutoRefresh everyMs={2000} />
          </div>
        ) : null}
        {failure ? (
          <p className="text-slate-700" data-testid="failure-note">
            {(th as unknown as (key: string) => string)(failure.key)}. {t('failedNote')}
          </p>
        ) : null}
        {order.state === 'PENDING_PAYMENT' ? (
          <p>
            <Link
              href={`/checkout/${product.slug}`}
              className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
            >
              {t('continueCheckout')}
            </Link>
          </p>
        ) : null}
      </section>
      {isPaid(order.state) &&
      hasOpenTvSignonConflict(customer) &&
      order.opentvAccountId === customer.opentvAccountId ? (
        <OpenTvConflictNote />
      ) : null}
      <OrderFulfilmentPanel order={order} productName={productName} />
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-xl font-semibold">
          {t('history')}
        </h2>
        <OrderHistory events={events} />
      </section>
    </div>
  );
}
