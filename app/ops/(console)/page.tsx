import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { EmptyState, ListSummary, PageTitle, Pager, ScrollTable, StateBadge } from '@/components/ops/ui';
import { buttonClass, FilterForm, InputField, SelectField } from '@/components/ui/form-fields';
import { getDb } from '@/lib/db/client';
import { formatMoney } from '@/lib/money';
import { requireStaff } from '@/lib/ops/access';
import { formatUtc } from '@/lib/ops/format-time';
import { listOrdersForOps, ORDER_STATES } from '@/lib/ops/queries';

export const metadata: Metadata = { title: 'Orders' };

const ORDER_COLUMNS = [
  'Order',
  'State',
  'Customer',
  'Product',
  { label: 'Amount', className: 'text-right' },
  'Created',
] as const;

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
      <FilterForm label="Filter orders" className="sm:grid-cols-[1fr_14rem_auto] sm:items-end">
        <InputField
          id="q"
          name="q"
          label="Search"
          type="search"
          defaultValue={filter.q ?? ''}
          placeholder="SP-…, Priya, 7f3a…"
        />
        <SelectField id="state" label="State" value={filter.state} any="Any state" options={ORDER_STATES} />
        <button type="submit" className={buttonClass}>
          Apply
        </button>
      </FilterForm>
      <ListSummary testId="orders-count" noun="order" total={result.total} page={result.page} pages={result.pages} />
      {result.rows.length === 0 ? (
        <EmptyState>No orders match.</EmptyState>
      ) : (
        <ScrollTable label="Orders table (scrolls sideways)" caption="Orders" columns={ORDER_COLUMNS}>
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
        </ScrollTable>
      )}
      <Pager page={result.page} pages={result.pages} href={pageHref} />
    </>
  );
}
