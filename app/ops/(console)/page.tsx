import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { buttonClass, inputClass, labelClass, PageTitle, Pager, SelectField, StateBadge } from '@/components/ops/ui';
import { getDb } from '@/lib/db/client';
import { ORDER_STATES } from '@/lib/db/schema';
import { formatMoney } from '@/lib/money';
import { requireStaff } from '@/lib/ops/access';
import { formatUtc } from '@/lib/ops/format-time';
import { listOrdersForOps } from '@/lib/ops/queries';

export const metadata: Metadata = { title: 'Orders' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const filterSchema = z.object({
  state: z.enum(ORDER_STATES).optional().catch(undefined),
  q: z.string().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export default async function OpsOrdersPage({ searchParams }: { searchParams: Search }) {
  await requireStaff('/ops');
  const raw = await searchParams;
  const filter = filterSchema.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined])),
  );
  const result = await listOrdersForOps(await getDb(), filter);
  const pageHref = (page: number) => {
    const p = new URLSearchParams();
    if (filter.state) p.set('state', filter.state);
    if (filter.q) p.set('q', filter.q);
    p.set('page', String(page));
    return `/ops?${p}`;
  };
  return (
    <>
      <PageTitle lead="Every order, newest first. Search by order id, customer (name, email, mobile) or a partner reference (Flexiti reference, authorization or account, OpenTV entitlement or account).">
        Orders
      </PageTitle>
      <form
        role="search"
        aria-label="Filter orders"
        className="mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-[1fr_14rem_auto] sm:items-end"
      >
        <div>
          <label htmlFor="q" className={labelClass}>
            Search
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={filter.q ?? ''}
            className={inputClass}
            placeholder="SP-…, Priya, 7f3a…"
          />
        </div>
        <SelectField id="state" label="State" value={filter.state} any="Any state" options={ORDER_STATES} />
        <button type="submit" className={buttonClass}>
          Apply
        </button>
      </form>
      <p className="mb-2 text-sm text-slate-600" data-testid="orders-count">
        {result.total} order{result.total === 1 ? '' : 's'} · page {result.page} of {result.pages}
      </p>
      {result.rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
          No orders match.
        </p>
      ) : (
        <div
          className="overflow-x-auto rounded-xl border border-slate-200 bg-white"
          tabIndex={0}
          role="region"
          aria-label="Orders table (scrolls sideways)"
        >
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Orders</caption>
            <thead className="bg-slate-100 text-xs uppercase text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Order
                </th>
                <th scope="col" className="px-3 py-2">
                  State
                </th>
                <th scope="col" className="px-3 py-2">
                  Customer
                </th>
                <th scope="col" className="px-3 py-2">
                  Product
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Amount
                </th>
                <th scope="col" className="px-3 py-2">
                  Created
                </th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((o) => (
                <tr key={o.id} className="border-t border-slate-200">
                  <td className="px-3 py-2 font-mono">
                    <Link href={`/ops/orders/${o.id}`} className="text-brand-700 underline">
                      {o.id}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <StateBadge state={o.state} />
                  </td>
                  <td className="px-3 py-2">{[o.firstName, o.lastName].filter(Boolean).join(' ') || o.email || '—'}</td>
                  <td className="px-3 py-2">{o.product}</td>
                  <td className="px-3 py-2 text-right">{formatMoney(o.amountCents, o.currency)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <time dateTime={o.createdAt.toISOString()}>{formatUtc(o.createdAt, 'minute')}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={result.page} pages={result.pages} href={pageHref} />
    </>
  );
}
