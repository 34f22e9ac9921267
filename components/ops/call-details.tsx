import type { integrationCalls } from '@/lib/db/schema';
import { isFailedCall } from '@/lib/ops/sequence-diagram';

type Call = typeof integrationCalls.$inferSelect;

/** The redacted request and response of each call (targets of the diagram's arrows). */
export function CallDetails({ calls }: { calls: Call[] }) {
  if (!calls.length) return null;
  return (
    <ol className="space-y-2" aria-label="Partner calls, in order">
      {calls.map((c) => {
        const failed = isFailedCall(c);
        return (
          <li key={c.id}>
            <details
              id={`call-${c.id}`}
              className="group rounded-lg border border-slate-200 bg-white target:ring-2 target:ring-brand-600"
            >
              <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
                <span className="font-mono text-xs text-slate-600">#{c.id}</span>
                <span className="font-semibold">{c.partner}</span>
                <span className="font-mono break-all">
                  {c.method} {c.path}
                </span>
                <span className={failed ? 'font-bold text-red-700' : 'text-green-800'}>
                  {c.status ?? 'no answer'}
                  {failed ? ' (failed)' : ''}
                </span>
                <span className="text-slate-600">{c.latencyMs} ms</span>
                {c.attempt > 1 ? <span className="text-slate-600">attempt {c.attempt}</span> : null}
              </summary>
              <div className="grid gap-3 border-t border-slate-200 p-3 text-xs md:grid-cols-2">
                <div>
                  <h4 className="mb-1 font-semibold">
                    Request <span className="font-normal text-slate-600">({c.operation})</span>
                  </h4>
                  <pre tabIndex={0} className="max-h-80 overflow-auto rounded bg-slate-900 p-2 text-slate-50">
                    {JSON.stringify(c.request, null, 2)}
                  </pre>
                </div>
                <div>
                  <h4 className="mb-1 font-semibold">Response</h4>
                  <pre tabIndex={0} className="max-h-80 overflow-auto rounded bg-slate-900 p-2 text-slate-50">
                    {c.error ? `${c.error}\n` : ''}
                    {JSON.stringify(c.response, null, 2)}
                  </pre>
                </div>
                <p className="text-slate-600 md:col-span-2">
                  Correlation id <span className="font-mono">{c.correlationId}</span> · {c.createdAt.toISOString()}
                </p>
              </div>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
