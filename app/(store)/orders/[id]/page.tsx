import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OpenTvConflictNote } from '@/components/account/opentv-conflict-note';
import { OrderFulfilmentPanel } from '@/components/orders/order-fulfilment-panel';
import { OrderHistory } from '@/components/orders/order-history';
import { OrderStateBadge } from '@/components/orders/order-state-badge';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { requireCustomer } from '@/lib/auth';
import { formatMoney, periodLabel } from '@/lib/money';
import { orderIdSchema } from '@/lib/orders/checkout-schema';
import { hasOpenTvSignonConflict } from '@/lib/orders/opentv-account';
import { getCustomerOrder } from '@/lib/orders/queries';
import { isPaid } from '@/lib/orders/state-machine';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Order ${(await params).id}` };
}

/** One order with its state history. Another customer's order is a 404, like a missing one. */
export default async function OrderPage({ params }: Props) {
  const { id } = await params;
  const customer = await requireCustomer(`/orders/${encodeURIComponent(id)}`);
  if (!orderIdSchema.safeParse(id).success) notFound();
  const detail = await getCustomerOrder(customer.id, id);
  if (!detail) notFound();
  const { order, product, events } = detail;
  const paid = isPaid(order.state);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="space-y-1">
        <Link href="/orders" className="text-sm text-brand-700 underline">
          ← My orders
        </Link>
        <h1 className="text-2xl font-bold">Order {order.id}</h1>
      </div>
      <section aria-label="Summary" className="space-y-2 rounded-xl bg-white p-4">
        <p className="flex flex-wrap items-baseline justify-between gap-2">
          <span className="font-semibold">{product.name}</span>
          <span className="font-semibold">
            {formatMoney(order.amountCents, order.currency)}
            <span className="font-normal text-slate-600">{periodLabel(product.billingPeriod)}</span>
          </span>
        </p>
        <OrderStateBadge state={order.state} />
        {paid ? (
          <p className="text-slate-700" data-testid="paid-note">
            Paid with Flexiti{order.authorizationId ? ` (authorization ${order.authorizationId})` : ''}.
          </p>
        ) : null}
        {order.state === 'PAYMENT_VERIFYING' ? (
          <div role="status" className="space-y-1 rounded-lg bg-sky-50 p-3 text-slate-900" data-testid="verifying-note">
            <p className="font-semibold">We are confirming your payment with Flexiti.</p>
            <p>
              Flexiti&apos;s answer did not reach us clearly, so we are checking with Flexiti directly. You will not be
              charged twice, and there is nothing to do: this page updates by itself as soon as Flexiti confirms.
            </p>
            <AutoRefresh everyMs={2000} />
          </div>
        ) : null}
        {order.state === 'PAYMENT_FAILED' && order.failureReason ? (
          <p className="text-slate-700">{order.failureReason}</p>
        ) : null}
        {order.state === 'PENDING_PAYMENT' ? (
          <p>
            <Link href={`/checkout/${product.slug}`} className="font-semibold text-brand-700 underline">
              Continue to checkout
            </Link>
          </p>
        ) : null}
        {order.referenceId ? (
          <p className="text-sm text-slate-600">
            Flexiti reference: <span className="font-mono">{order.referenceId}</span>
          </p>
        ) : null}
      </section>
      {paid && hasOpenTvSignonConflict(customer) && order.opentvAccountId === customer.opentvAccountId ? (
        <OpenTvConflictNote />
      ) : null}
      <OrderFulfilmentPanel order={order} />
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-xl font-semibold">
          History
        </h2>
        <OrderHistory events={events} />
      </section>
    </div>
  );
}
