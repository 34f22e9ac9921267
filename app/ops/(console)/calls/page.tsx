import type { Metadata } from 'next';
import Link from 'next/link';
import { CallDetails } from '@/components/ops/call-details';
import { EmptyState, ListSummary, PageTitle, Pager } from '@/components/ops/ui';
import { buttonClass, FilterForm, InputField, secondaryButtonClass, SelectField } from '@/components/ui/form-fields';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { requireStaff } from '@/lib/ops/access';
import {
  CALL_PARTNERS,
  callLogFilterSchema,
  callOperations,
  listCalls,
  partnerOrigins,
  STATUS_CLASSES,
  type CallLogFilter,
} from '@/lib/ops/call-log';

export const metadata: Metadata = { title: 'Call log' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const STATUS_LABELS: Record<(typeof STATUS_CLASSES)[number], string> = {
  '2xx': '2xx success',
  '3xx': '3xx redirect',
  '4xx': '4xx refused',
  '5xx': '5xx partner error',
  none: 'No answer (timeout, network)',
};

/** `datetime-local` shows minutes in UTC (the form says so). */
const toInput = (d: Date | undefined) => (d ? d.toISOString().slice(0, 16) : '');

function query(filter: CallLogFilter, page?: number): string {
  const p = new URLSearchParams();
  if (filter.partner) p.set('partner', filter.partner);
  if (filter.operation) p.set('operation', filter.operation);
  if (filter.status) p.set('status', filter.status);
  if (filter.order) p.set('order', filter.order);
  if (filter.from) p.set('from', toInput(filter.from));
  if (filter.to) p.set('to', toInput(filter.to));
  if (page) p.set('page', String(page));
  return `/ops/calls?${p}`;
}

export default async function OpsCallLogPage({ searchParams }: { searchParams: Search }) {
  await requireStaff('/ops/calls');
  const raw = await searchParams;
  const filter = callLogFilterSchema.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  const db = await getDb();
  const [result, operations] = await Promise.all([listCalls(db, filter), callOperations(db)]);
  return (
    <>
      <PageTitle lead="Every call the store made to a partner, newest first, redacted as logged. Open a call for its request and response, or copy it as cURL to replay it (secrets stay redacted: fill them in yourself).">
        Call log
      </PageTitle>
      <FilterForm label="Filter calls" className="sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
        <SelectField id="partner" label="Partner" value={filter.partner} any="Any partner" options={CALL_PARTNERS} />
        <SelectField
          id="operation"
          label="Operation"
          value={filter.operation}
          any="Any operation"
          options={operations}
        />
        <SelectField
          id="status"
          label="Status"
          value={filter.status}
          any="Any status"
          options={STATUS_CLASSES.map((v) => ({ value: v, label: STATUS_LABELS[v] }))}
        />
        <InputField
          id="order"
          name="order"
          label="Order id"
          defaultValue={filter.order ?? ''}
          placeholder="SP-…"
          autoComplete="off"
        />
        <InputField
          id="from"
          name="from"
          label="From (UTC)"
          type="datetime-local"
          defaultValue={toInput(filter.from)}
        />
        <InputField id="to" name="to" label="Before (UTC)" type="datetime-local" defaultValue={toInput(filter.to)} />
        <div className="flex gap-2 sm:col-span-3 lg:col-span-6">
          <button type="submit" className={buttonClass}>
            Filter
          </button>
          <Link href="/ops/calls" className={secondaryButtonClass}>
            Clear
          </Link>
        </div>
      </FilterForm>
      <ListSummary testId="calls-count" noun="call" total={result.total} page={result.page} pages={result.pages} />
      {result.rows.length === 0 ? (
        <EmptyState>No calls match.</EmptyState>
      ) : (
        <CallDetails
          calls={result.rows}
          origins={partnerOrigins(getConfig())}
          label="Partner calls, newest first"
          showOrder
        />
      )}
      <Pager page={result.page} pages={result.pages} href={(n) => query(filter, n)} />
    </>
  );
}
