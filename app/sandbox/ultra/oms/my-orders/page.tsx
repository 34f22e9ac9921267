import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ZonedTime } from '@/components/ui/zoned-time';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { sandboxClock } from '@/lib/sandbox/clock';
import { listOmsOrders, type MyOrdersEntry } from '@/lib/sandbox/ultra/oms-store';
import { findPersona, identityTokenFor, PERSONAS } from '@/lib/sandbox/ultra/personas';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Flipkart My Orders (sandbox)', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;

const STATE_LABELS: Record<MyOrdersEntry['currentState'], { text: string; className: string }> = {
  ORDER_CONFIRMED: { text: 'Confirmed', className: 'bg-blue-50 text-blue-800 ring-blue-200' },
  ORDER_FULFILLED: { text: 'Fulfilled', className: 'bg-green-50 text-green-800 ring-green-200' },
  ORDER_CANCELLED: { text: 'Cancelled', className: 'bg-red-50 text-red-800 ring-red-200' },
};

/**
 * A time in the viewer's zone. Flipkart stamps what it receives on the sandbox clock: a time later
 * than the real now was stamped after the clock moved, and says so.
 */
function Time({ ms, realNow, aheadDays }: { ms: number; realNow: number; aheadDays: number }) {
  return (
    <>
      <ZonedTime iso={new Date(ms).toISOString()} locale="en-CA" />
      {aheadDays > 0 && ms > realNow ? (
        <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-950" data-testid="sandbox-clock-mark">
          sandbox clock +{aheadDays} d
        </span>
      ) : null}
    </>
  );
}

/**
 * What Flipkart's My Orders would show a customer (docs/partners/ultra.md#my-orders): the OMS events the
 * sandbox accepted for the customer's identity token. Sandbox mode only; pick a persona to switch.
 */
export default async function MyOrdersPage({ searchParams }: { searchParams: Search }) {
  const config = getConfig();
  if (!config.sandbox) notFound();
  const q = await searchParams;
  const requested = Array.isArray(q.persona) ? q.persona[0] : q.persona;
  const persona = (requested && findPersona(requested)) || PERSONAS[0]!;
  const db = await getDb();
  const [orders, { realNow, offsetMs: offset }] = await Promise.all([
    listOmsOrders(db, { identityToken: identityTokenFor(config.ultra.merchantId, persona) }),
    sandboxClock(db),
  ]);
  const aheadDays = Math.round(offset / 86_400_000);
  // Only Flipkart's own receipt times are on its clock; the order time and the last fulfilment date are the store's.
  const time = (ms: number, stamped = false) =>
    stamped ? (
      <Time ms={ms} realNow={realNow} aheadDays={aheadDays} />
    ) : (
      <ZonedTime iso={new Date(ms).toISOString()} locale="en-CA" />
    );
  // OMS amounts carry no currency (docs/partners/ultra.md#oms-fields); the store has one (docs/partners/ultra.md#oms-amounts).
  const money = (n: number) =>
    new Intl.NumberFormat('en-CA', { style: 'currency', currency: config.currency }).format(n);

  return (
    <div className="mx-auto min-h-dvh max-w-lg bg-slate-50">
      <header className="bg-blue-700 px-4 py-3 text-white">
        <p className="text-xs font-medium tracking-wide uppercase">Flipkart · sandbox</p>
        <h1 className="text-xl font-semibold">My Orders</h1>
      </header>
      <main className="space-y-4 p-4">
        <form method="get" className="flex items-end gap-2 rounded-lg bg-white p-3 shadow-sm">
          <div className="flex-1">
            <label htmlFor="persona" className="block text-sm font-medium text-slate-700">
              Customer
            </label>
            <select
              id="persona"
              name="persona"
              defaultValue={persona.id}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-base"
            >
              {PERSONAS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white focus-visible:ring-2 focus-visible:ring-offset-2 focus-visible:outline-none"
          >
            Show
          </button>
        </form>

        <h2 className="text-base font-semibold text-slate-800">
          Orders of {persona.label} <span className="font-normal text-slate-600">({orders.length})</span>
        </h2>
        {orders.length === 0 ? (
          <p className="rounded-lg bg-white p-4 text-slate-700 shadow-sm">
            No orders reported to Flipkart for this customer yet.
          </p>
        ) : (
          <ul className="space-y-3" aria-label="Orders">
            {orders.map((o) => {
              const badge = STATE_LABELS[o.currentState];
              return (
                <li
                  key={`${o.clientId}/${o.orderId}`}
                  className="rounded-lg bg-white p-4 shadow-sm"
                  data-testid="oms-order"
                >
                  <article aria-labelledby={`order-${o.orderId}`}>
                    <div className="flex items-start justify-between gap-3">
                      <h3 id={`order-${o.orderId}`} className="font-semibold text-slate-900">
                        {o.description}
                      </h3>
                      <span
                        className={`shrink-0 rounded-full px-2 py-0.5 text-sm font-medium ring-1 ${badge.className}`}
                      >
                        {badge.text}
                      </span>
                    </div>
                    <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                      <dt className="text-slate-600">Order id</dt>
                      <dd className="font-mono break-all text-slate-900">{o.orderId}</dd>
                      <dt className="text-slate-600">Paid</dt>
                      <dd className="text-slate-900" data-testid="forward">
                        {money(o.forwardTransaction)}
                      </dd>
                      {o.reverseTransaction > 0 && (
                        <>
                          <dt className="text-slate-600">Refunded</dt>
                          <dd className="text-slate-900" data-testid="reverse">
                            {money(o.reverseTransaction)}
                          </dd>
                        </>
                      )}
                      <dt className="text-slate-600">Placed</dt>
                      <dd className="text-slate-900">{time(o.orderTimestampMs)}</dd>
                      <dt className="text-slate-600">Last fulfilment date</dt>
                      <dd className="text-slate-900">{time(o.lastFulfillmentDateMs)}</dd>
                    </dl>
                    <h4 className="mt-3 text-sm font-medium text-slate-700">What Flipkart was told</h4>
                    <ol
                      className="mt-1 space-y-1 border-l-2 border-slate-200 pl-3 text-sm"
                      aria-label={`History of ${o.orderId}`}
                    >
                      {o.history.map((h) => (
                        <li key={h.orderState}>
                          <span className="font-medium text-slate-900">{STATE_LABELS[h.orderState].text}</span>{' '}
                          <span className="text-slate-600">{time(Date.parse(h.receivedAt), true)}</span>
                        </li>
                      ))}
                    </ol>
                  </article>
                </li>
              );
            })}
          </ul>
        )}
      </main>
    </div>
  );
}
