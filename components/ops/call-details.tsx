import Link from 'next/link';
import type { integrationCalls } from '@/lib/db/schema';
import { toCurl } from '@/lib/ops/curl';
import { formatUtc } from '@/lib/ops/format-time';
import { isFailedCall } from '@/lib/ops/sequence-diagram';
import { CopyButton } from './copy-button';

type Call = typeof integrationCalls.$inferSelect;

/**
 * The redacted request and response of each call (targets of the diagram's arrows and the rows of
 * the global call log), with the request as a cURL command, secrets still redacted.
 */
export function CallDetails({
  calls,
  origins,
  label = 'Partner calls, in order',
  showOrder = false,
}: {
  calls: Call[];
  /** Where each partner's calls went (lib/ops/call-log.ts partnerOrigins), to rebuild URLs. */
  origins: Record<Call['partner'], string>;
  label?: string;
  showOrder?: boolean;
}) {
  if (!calls.length) return null;
  return (
    <ol className="space-y-2" aria-label={label}>
      {calls.map((c) => {
        const failed = isFailedCall(c);
        const curl = toCurl(c, origins[c.partner]);
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
                <span className={failed ? 'font-bold text-red-700' : 'text-green-800'} data-testid="call-status">
                  {c.status ?? 'no answer'}
                  {failed ? ' (failed)' : ''}
                </span>
                {c.status !== null && c.error ? (
                  // An answer that came with a note (e.g. a body we could not read: outcome unknown).
                  <span className="font-semibold text-amber-900" data-testid="call-note">
                    note: {c.error.split(':')[0]}
                  </span>
                ) : null}
                <span className="text-slate-600">{c.latencyMs} ms</span>
                {c.attempt > 1 ? <span className="text-slate-600">attempt {c.attempt}</span> : null}
                <time dateTime={c.createdAt.toISOString()} className="text-slate-600">
                  {formatUtc(c.createdAt)}
                </time>
                {showOrder && c.orderId ? <span className="font-mono text-xs">{c.orderId}</span> : null}
              </summary>
              <div className="grid gap-3 border-t border-slate-200 p-3 text-xs md:grid-cols-2">
                <div className="min-w-0">
                  <h4 className="mb-1 font-semibold">
                    Request <span className="font-normal text-slate-600">({c.operation})</span>
                  </h4>
                  <pre tabIndex={0} className="max-h-80 overflow-auto rounded bg-slate-900 p-2 text-slate-50">
                    {JSON.stringify(c.request, null, 2)}
                  </pre>
                </div>
                <div className="min-w-0">
                  <h4 className="mb-1 font-semibold">Response</h4>
                  <pre tabIndex={0} className="max-h-80 overflow-auto rounded bg-slate-900 p-2 text-slate-50">
                    {c.error ? `${c.error}\n` : ''}
                    {JSON.stringify(c.response, null, 2)}
                  </pre>
                </div>
                <div className="min-w-0 md:col-span-2">
                  <div className="mb-1 flex flex-wrap items-center justify-between gap-2">
                    <h4 className="font-semibold">As cURL (secrets stay redacted)</h4>
                    <CopyButton text={curl} label={`Copy call #${c.id} as cURL`} />
                  </div>
                  <pre
                    tabIndex={0}
                    data-testid="call-curl"
                    className="max-h-60 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-slate-900"
                  >
                    {curl}
                  </pre>
                </div>
                <p className="text-slate-600 md:col-span-2">
                  Correlation id <span className="font-mono">{c.correlationId}</span> ·{' '}
                  <time dateTime={c.createdAt.toISOString()}>{formatUtc(c.createdAt)}</time>
                  {c.orderId ? (
                    <>
                      {' '}
                      · Order{' '}
                      <Link href={`/ops/orders/${c.orderId}`} className="font-mono text-brand-700 underline">
                        {c.orderId}
                      </Link>
                    </>
                  ) : null}
                </p>
              </div>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
