import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { OrderStateBadge } from '@/components/orders/order-state-badge';
import { UnfinishedAttempts } from '@/components/orders/unfinished-attempts';
import { LocalTime } from '@/components/ui/local-time';
import { requireCustomer } from '@/lib/auth';
import { getProductNamer, getStoreFormat } from '@/lib/i18n/store-format';
import { AccessLine } from '@/components/orders/access-line';
import { type CustomerOrderSummary, listCustomerOrders, splitCustomerOrders } from '@/lib/orders';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Meta'))('orders') };
}

/** My orders: the signed-in customer's paid orders first; unfinished checkouts behind a toggle. */
export default async function OrdersPage() {
  const customer = await requireCustomer('/orders');
  const [t, format, nameOf] = await Promise.all([getTranslations('Orders'), getStoreFormat(), getProductNamer()]);
  const { orders, unfinished } = splitCustomerOrders(await listCustomerOrders(customer.id));

  const rows = (list: CustomerOrderSummary[], label: string, testId: string) => (
    <ul className="space-y-3" aria-label={label} data-testid={testId}>
      {list.map((o) => (
        <li key={o.id} data-testid="order-row">
          <Link
            href={`/orders/${o.id}`}
            className="block space-y-1 rounded-xl bg-white p-4 hover:ring-2 hover:ring-brand-600"
          >
            <span className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="font-semibold">
                {format.access(nameOf({ slug: o.productSlug, name: o.productName }), o.billingPeriod)}
              </span>
              <span className="font-semibold">{format.money(o.amountCents, o.currency)}</span>
            </span>
            <AccessLine state={o.state} activatedAt={o.activatedAt} term={o.billingPeriod} className="block text-sm" />
            <span className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
              <span>
                {o.id} · <LocalTime iso={o.createdAt.toISOString()} dateOnly />
              </span>
              <OrderStateBadge state={o.state} entitlementStatus={o.entitlementStatus} />
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      {orders.length === 0 ? (
        <p className="rounded-xl bg-white p-4 text-slate-700" data-testid="no-orders">
          {unfinished.length ? t('noPaid') : t('empty')}{' '}
          <Link href="/" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
            {t('browse')}
          </Link>
        </p>
      ) : (
        rows(orders, t('list'), 'paid-orders')
      )}
      {unfinished.length ? (
        <UnfinishedAttempts
          showLabel={t('showUnfinished', { count: unfinished.length })}
          hideLabel={t('hideUnfinished')}
        >
          <p className="mb-2 text-sm text-slate-600">{t('unfinishedNote')}</p>
          {rows(unfinished, t('unfinishedList'), 'unfinished-orders')}
        </UnfinishedAttempts>
      ) : null}
      {/* docs/partners/ultra.md#identity-token-change: a new Flipkart mobile is a new sign-in to us. */}
      <p className="text-sm text-slate-600" data-testid="changed-mobile-note">
        {t('changedMobile')}
      </p>
    </div>
  );
}
