import { maskAccountNumber } from '@/lib/security/mask';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CallDetails } from '@/components/ops/call-details';
import { OpenTargetDetails } from '@/components/ops/open-target-details';
import { SequenceDiagram } from '@/components/ops/sequence-diagram';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { PageTitle, StateBadge } from '@/components/ops/ui';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { formatMoney } from '@/lib/money';
import { requireStaff } from '@/lib/ops/access';
import { partnerOrigins } from '@/lib/ops/call-log';
import { formatUtc } from '@/lib/ops/format-time';
import { hasJobsInFlight } from '@/lib/ops/jobs-in-flight';
import { getOrderForOps } from '@/lib/ops/queries';
import { endCustomerSessions } from './actions';
import { buildSequenceDiagram } from '@/lib/ops/sequence-diagram';

export const metadata: Metadata = { title: 'Order' };

const ORDER_ID = /^[A-Za-z0-9_-]{1,64}$/;

export default async function OpsOrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ sessionsEnded?: string }>;
}) {
  const { id } = await params;
  await requireStaff(`/ops/orders/${encodeURIComponent(id)}`);
  if (!ORDER_ID.test(id)) notFound();
  const detail = await getOrderForOps(await getDb(), id);
  if (!detail) notFound();
  const { order, customer, product, events, jobs, calls } = detail;
  const model = buildSequenceDiagram(calls, events);
  const refs: [string, string | null][] = [
    ['Flexiti reference id', order.referenceId],
    ['Flexiti account', maskAccountNumber(order.flexitiAccountNumber)],
    ['Flexiti authorization', order.authorizationId],
    ['OpenTV account', order.opentvAccountId],
    ['OpenTV entitlement', order.entitlementId ? `${order.entitlementId} (${order.entitlementStatus ?? '?'})` : null],
  ];
  const inFlight = hasJobsInFlight(jobs);
  return (
    <>
      <OpenTargetDetails />
      {inFlight ? <AutoRefresh /> : null}
      <p className="mb-2 text-sm">
        <Link href="/ops" className="text-brand-700 underline">
          ← All orders
        </Link>
      </p>
      <PageTitle
        lead={
          <>
            {product.name} · {formatMoney(order.amountCents, order.currency)} ·{' '}
            {[customer.firstName, customer.lastName].filter(Boolean).join(' ') || customer.email || 'customer'}
          </>
        }
      >
        <span className="font-mono">{order.id}</span> <StateBadge state={order.state} />
      </PageTitle>
      <CustomerSessions customerId={customer.id} orderId={order.id} ended={(await searchParams).sessionsEnded} />

      <section aria-labelledby="timeline" className="mb-8">
        <h2 id="timeline" className="mb-2 text-lg font-semibold">
          Partner timeline{' '}
          <span className="text-sm font-normal text-slate-600" data-testid="diagram-summary">
            {calls.length} call{calls.length === 1 ? '' : 's'}
            {model.failures ? `, ${model.failures} failed` : ''}
          </span>
          {inFlight ? (
            <span className="ml-2 text-sm font-normal text-slate-600" role="status">
              · jobs running, updating…
            </span>
          ) : null}
        </h2>
        {/* Its own scrolling box, so the lane names stay at its top while the arrows scroll. */}
        <div
          role="region"
          aria-label="Sequence diagram, scrolls"
          tabIndex={0}
          className="max-h-[75vh] overflow-auto overscroll-contain rounded-lg"
        >
          <SequenceDiagram model={model} title={`Sequence diagram of order ${order.id}`} />
        </div>
        <h3 className="mb-2 mt-6 text-base font-semibold">Calls (redacted request and response)</h3>
        <CallDetails calls={calls} origins={partnerOrigins(getConfig())} backTo="#timeline" />
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="history">
          <h2 id="history" className="mb-2 text-lg font-semibold">
            State history
          </h2>
          <ol className="space-y-2 text-sm">
            {events.map((e) => (
              <li key={e.id} className="rounded-lg border border-slate-200 bg-white px-3 py-2">
                <time dateTime={e.createdAt.toISOString()} className="font-mono text-xs text-slate-600">
                  {formatUtc(e.createdAt)}
                </time>
                <div>
                  {e.fromState ?? 'new'} → <strong>{e.toState}</strong>: {e.cause}
                </div>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="refs">
          <h2 id="refs" className="mb-2 text-lg font-semibold">
            Partner references
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-3 text-sm">
            {refs.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-600">{k}</dt>
                <dd className="font-mono break-all">{v ?? '—'}</dd>
              </div>
            ))}
          </dl>
          <h2 className="mb-2 mt-6 text-lg font-semibold">Outbox jobs</h2>
          {jobs.length === 0 ? (
            <p className="text-sm text-slate-600">None.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {jobs.map((j) => (
                <li key={j.id} className="rounded-lg border border-slate-200 bg-white px-3 py-2">
                  <span className="font-mono">#{j.id}</span> {j.kind} · <strong>{j.status}</strong> · {j.attempts}/
                  {j.maxAttempts} attempts
                  {j.lastError ? <div className="text-red-800">{j.lastError}</div> : null}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-sm">
            <Link href="/ops/outbox" className="text-brand-700 underline">
              Open the outbox
            </Link>
          </p>
        </section>
      </div>
    </>
  );
}

/** Ends every session of the order's customer (audited as customer.sessions-ended). */
function CustomerSessions({ customerId, orderId, ended }: { customerId: string; orderId: string; ended?: string }) {
  return (
    <form action={endCustomerSessions} className="mb-6 flex flex-wrap items-center gap-3 text-sm">
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="orderId" value={orderId} />
      <button type="submit" className="min-h-11 rounded-md border border-slate-300 px-3 font-medium hover:bg-slate-50">
        End this customer’s sessions
      </button>
      {ended !== undefined && /^\d+$/.test(ended) ? (
        <span role="status" data-testid="sessions-ended">
          Ended {ended} session{ended === '1' ? '' : 's'}: the customer must sign in again everywhere.
        </span>
      ) : null}
    </form>
  );
}
