import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { clockOffsetMs, sandboxNow } from '@/lib/sandbox/clock';
import { advanceSandboxClockAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sandbox clock', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;

const fmt = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d) + ' UTC';

/**
 * QA's control for business time (sandbox mode only): move the sandbox clock forward, e.g. past
 * the return window so the scheduled ORDER_FULFILLED is reported. The ops console has the same
 * control behind staff sign-in; this page needs none, like every /sandbox page.
 */
export default async function SandboxClockPage({ searchParams }: { searchParams: Search }) {
  const config = getConfig();
  if (!config.sandbox) notFound();
  const q = await searchParams;
  const db = await getDb();
  const [now, offset] = await Promise.all([sandboxNow(db), clockOffsetMs(db)]);
  const moved = typeof q.moved === 'string' ? q.moved : null;
  const error = typeof q.error === 'string' ? q.error : null;
  const pastWindow = config.returnWindowDays + 1;
  const button =
    'rounded-md px-4 py-2 font-medium focus-visible:ring-2 focus-visible:ring-offset-2 focus-visible:outline-none';
  return (
    <main className="mx-auto min-h-dvh max-w-lg space-y-4 bg-slate-50 p-4">
      <p className="text-xs font-medium tracking-wide text-slate-600 uppercase">Sandbox</p>
      <h1 className="text-2xl font-semibold text-slate-900">Sandbox clock</h1>
      <div className="rounded-lg bg-white p-4 shadow-sm">
        <p className="text-slate-800">
          Sandbox time: <span data-testid="sandbox-now">{fmt(now)}</span>
        </p>
        <p className="text-sm text-slate-700">
          {offset > 0 ? `${Math.round(offset / 86_400_000)} day(s) ahead of real time.` : 'Same as real time.'}
        </p>
      </div>
      <div role="status" className="text-sm">
        {moved ? <p className="text-green-800">Moved the clock {moved} day(s) forward. Due jobs are running.</p> : null}
        {error ? <p className="text-red-800">{error}</p> : null}
      </div>
      <form action={advanceSandboxClockAction} className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
        <input type="hidden" name="days" value={pastWindow} />
        <p className="text-sm text-slate-700">
          The cancellation period is {config.returnWindowDays} days. Move past it to complete (fulfil) orders.
        </p>
        <button type="submit" className={`${button} bg-blue-700 text-white`}>
          +{pastWindow} days (past the cancellation period)
        </button>
      </form>
      <form action={advanceSandboxClockAction} className="flex items-end gap-2 rounded-lg bg-white p-4 shadow-sm">
        <div className="flex-1">
          <label htmlFor="days" className="block text-sm font-medium text-slate-800">
            Days forward
          </label>
          <input
            id="days"
            name="days"
            type="number"
            min={1}
            max={400}
            defaultValue={1}
            required
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
          />
        </div>
        <button type="submit" className={`${button} border border-slate-300 bg-white text-slate-900`}>
          Move forward
        </button>
      </form>
    </main>
  );
}
