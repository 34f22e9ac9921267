import type { Metadata } from 'next';
import { PageTitle } from '@/components/ops/ui';
import { requireStaff } from '@/lib/ops/access';
import { runHealthChecks } from '@/lib/ops/health';

export const metadata: Metadata = { title: 'Partner health' };

/** Runs the credential checks on every load: "does it work right now" is the question. */
export default async function OpsHealthPage() {
  await requireStaff('/ops/health');
  const { sandbox, checks } = await runHealthChecks();
  return (
    <>
      <PageTitle
        lead={
          <>
            Each check is a real call with our credentials (reload to check again). Mode:{' '}
            <strong data-testid="partner-mode">
              {sandbox ? 'sandbox (built-in partner simulators)' : 'real partners'}
            </strong>
            .
          </>
        }
      >
        Partner health
      </PageTitle>
      <ul className="grid gap-3 md:grid-cols-2">
        {checks.map((c) => (
          <li key={c.id} className="rounded-xl border border-slate-200 bg-white p-4" data-testid={`health-${c.id}`}>
            <div className="flex items-baseline justify-between gap-2">
              <h2 className="font-semibold">{c.partner}</h2>
              <span
                className={`rounded px-2 py-0.5 text-xs font-bold ${c.ok === null ? 'bg-slate-200 text-slate-800' : c.ok ? 'bg-green-100 text-green-900' : 'bg-red-100 text-red-900'}`}
                data-testid="health-status"
              >
                {c.ok === null ? 'not checked' : c.ok ? 'OK' : 'FAILING'}
              </span>
            </div>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-600">Check</dt>
              <dd>{c.check}</dd>
              <dt className="text-slate-600">Time</dt>
              <dd>{c.latencyMs === null ? '—' : `${c.latencyMs} ms`}</dd>
              <dt className="text-slate-600">Base URL</dt>
              <dd className="font-mono break-all">{c.baseUrl}</dd>
              <dt className="text-slate-600">Result</dt>
              <dd className={c.ok === false ? 'text-red-800' : ''}>{c.detail}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
