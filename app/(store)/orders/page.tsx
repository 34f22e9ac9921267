import type { Metadata } from 'next';
import Link from 'next/link';
import { OrderStateBadge } from '@/components/orders/order-state-badge';
import { requireCustomer } from '@/lib/auth';
import { formatMoney } from '@/lib/money';
import { listCustomerOrders } from '@/lib/orders/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'My orders' };

/** My orders: the signed-in customer's orders only, newest first. */
export default async function OrdersPage() {
  const customer = await requireCustomer('/orders');
  const list = await listCustomerOrders(customer.id);
  const date = new Intl.DateTimeFormat('en-CA', { dateStyle: 'medium', timeZone: 'UTC' });
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">My orders</h1>
      {list.length === 0 ? (
        <p className="rounded-xl bg-white p-4 text-slate-700" data-testid="no-orders">
          You have no orders yet.{' '}
          <Link href="/" className="font-semibold text-brand-700 underline">
            Browse plans
          </Link>
        </p>
      ) : (
        <ul className="space-y-3" aria-label="Orders">
          {list.map((o) => (
            <li key={o.id} data-testid="order-row">
              <Link
                href={`/orders/${o.id}`}
                className="block space-y-1 rounded-xl bg-white p-4 hover:ring-2 hover:ring-brand-600"
              >
                <span className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-semibold">{o.productName}</span>
                  <span className="font-semibold">{formatMoney(o.amountCents, o.currency)}</span>
                </span>
                <span className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
                  <span>
                    {o.id} · {date.format(o.createdAt)}
                  </span>
                  <OrderStateBadge state={o.state} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
