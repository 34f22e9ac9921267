import Link from 'next/link';
import type { ReactNode } from 'react';
import type { OrderState } from '@/lib/db/schema';
import { STATE_LABELS } from '@/lib/orders/browser';

const STATE_STYLE: Record<OrderState, string> = {
  PENDING_PAYMENT: 'bg-amber-100 text-amber-900',
  PAYMENT_VERIFYING: 'bg-sky-100 text-sky-900',
  PAYMENT_FAILED: 'bg-red-100 text-red-900',
  CANCELLED_BY_CUSTOMER: 'bg-slate-200 text-slate-800',
  CONFIRMED: 'bg-blue-100 text-blue-900',
  ACTIVE: 'bg-green-100 text-green-900',
  FULFILLED: 'bg-emerald-100 text-emerald-900',
  CANCELLED: 'bg-slate-200 text-slate-800',
};

export function StateBadge({ state }: { state: OrderState }) {
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${STATE_STYLE[state]}`}
      title={STATE_LABELS[state]}
    >
      {state}
    </span>
  );
}

export function PageTitle({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  return (
    <div className="mb-4">
      <h1 className="text-2xl font-bold text-slate-900">{children}</h1>
      {lead ? <p className="mt-1 text-sm text-slate-600">{lead}</p> : null}
    </div>
  );
}

/** The outcome of the last action (rendered as text; React escapes it). */
export function Notice({ kind, children }: { kind: 'ok' | 'error'; children: ReactNode }) {
  return (
    <p
      role={kind === 'error' ? 'alert' : 'status'}
      data-testid={kind === 'error' ? 'ops-error' : 'ops-notice'}
      className={`mb-4 rounded-lg border px-3 py-2 text-sm ${kind === 'error' ? 'border-red-300 bg-red-50 text-red-900' : 'border-green-300 bg-green-50 text-green-900'}`}
    >
      {children}
    </p>
  );
}

/** "12 calls · page 1 of 2" above a paged list. */
export function ListSummary({
  testId,
  noun,
  total,
  page,
  pages,
}: {
  testId: string;
  noun: string;
  total: number;
  page: number;
  pages: number;
}) {
  return (
    <p className="mb-2 text-sm text-slate-600" data-testid={testId}>
      {total} {noun}
      {total === 1 ? '' : 's'} · page {page} of {pages}
    </p>
  );
}

/** What an empty list says instead. */
export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
      {children}
    </p>
  );
}

/** A table that scrolls sideways on its own (keyboard-reachable), with its column headings. */
export function ScrollTable({
  label,
  caption,
  columns,
  children,
}: {
  label: string;
  caption: string;
  columns: readonly (string | { label: string; className: string })[];
  children: ReactNode;
}) {
  return (
    <div
      className="overflow-x-auto rounded-xl border border-slate-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-xs uppercase text-slate-700">
          <tr>
            {columns.map((c) => {
              const { label: text, className } = typeof c === 'string' ? { label: c, className: '' } : c;
              return (
                <th key={text} scope="col" className={`px-3 py-2 ${className}`.trim()}>
                  {text}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Previous / next page links under a paged list. */
export function Pager({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className="text-brand-700 underline">
          Previous page
        </Link>
      ) : (
        <span />
      )}
      {page < pages ? (
        <Link href={href(page + 1)} className="text-brand-700 underline">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
