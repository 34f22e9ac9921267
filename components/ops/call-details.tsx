import Link from 'next/link';
import { toCurl } from '@/lib/ops/curl';
import { formatAgo, formatUtc } from '@/lib/ops/format-time';
import { prettyBody } from '@/lib/ops/pretty-body';
import { compactPath, isFailedCall } from '@/lib/ops/sequence-diagram';
import { CopyButton } from './copy-button';
import type { IntegrationCallRow } from '@/lib/db/schema';

/** The origin of a partner whose origin partnerOrigins does not know (its cURL names no real host). */
const UNKNOWN_ORIGIN = 'https://origin-unknown.invalid';

type Call = IntegrationCallRow;

/** The columns every row lines up on (the header row uses the same template). */
const COLUMNS =
  'grid grid-cols-[3.5rem_5.5rem_5rem_minmax(12rem,1fr)_5.5rem_4.5rem_3rem] items-baseline gap-x-3 lg:grid-cols-[3.5rem_5.5rem_5rem_minmax(12rem,1fr)_5.5rem_4.5rem_3rem_8.5rem]';

/** A request or response body: indented, wrapped (never cut off on the right), scrolling when long. */
function Body({ title, text }: { title: string; text: string }) {
  return (
    <div className="min-w-0">
      <h4 className="mb-1 font-semibold">{title}</h4>
      <pre
        tabIndex={0}
        className="max-h-80 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-900 p-2 text-slate-50"
      >
        {text}
      </pre>
    </div>
  );
}

/**
 * The redacted request and response of each call (targets of the diagram's arrows and the rows of
 * the global call log), as a table with fixed columns (id, when, partner, request, status,
 * latency, try, order) whose rows open on the request and response, and the request as a cURL
 * command, secrets still redacted. "Try": the HTTP client's own retry of one call (an outbox
 * job's runs are its "attempts").
 */
export function CallDetails({
  calls,
  origins,
  label = 'Partner calls, in order',
  showOrder = false,
  now = new Date(),
  backTo,
}: {
  calls: Call[];
  /** Where each partner's calls went (lib/ops/call-log.ts partnerOrigins), to rebuild URLs. */
  origins: Partial<Record<Call['partner'], string>>;
  label?: string;
  showOrder?: boolean;
  /** "when" is relative to this (the page's render). */
  now?: Date;
  /** The diagram's anchor, for a link back up from an opened call. */
  backTo?: string;
}) {
  if (!calls.length) return null;
  return (
    <div className="overflow-x-auto">
      <div className="min-w-[44rem]">
        <div
          aria-hidden="true"
          className={`${COLUMNS} border-b border-slate-300 px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-600`}
        >
          <span>#</span>
          <span>When</span>
          <span>Partner</span>
          <span>Request</span>
          <span>Status</span>
          <span className="text-right">Time</span>
          <span>Try</span>
          <span className="hidden lg:block">{showOrder ? 'Order' : 'Operation'}</span>
        </div>
        <ol
          className="divide-y divide-slate-200 rounded-b-lg border border-t-0 border-slate-200 bg-white"
          aria-label={label}
        >
          {calls.map((c) => {
            const failed = isFailedCall(c);
            const curl = toCurl(c, origins[c.partner] ?? UNKNOWN_ORIGIN);
            return (
              <li key={c.id}>
                <details id={`call-${c.id}`} className="group target:ring-2 target:ring-brand-600">
                  <summary className={`${COLUMNS} cursor-pointer px-3 py-1.5 text-sm hover:bg-slate-50`}>
                    <span className="font-mono text-xs text-slate-600">
                      <span className="sr-only">Call </span>#{c.id}
                    </span>
                    <time
                      dateTime={c.createdAt.toISOString()}
                      title={formatUtc(c.createdAt)}
                      className="text-slate-700"
                    >
                      {formatAgo(c.createdAt, now)}
                    </time>
                    <span className="font-semibold">{c.partner}</span>
                    <span className="truncate font-mono text-xs" title={`${c.method} ${c.path}`}>
                      {c.method} {compactPath(c.path, 70)}
                    </span>
                    <span className={failed ? 'font-bold text-red-700' : 'text-green-800'}>
                      <span data-testid="call-status">
                        {c.status ?? 'no answer'}
                        {failed ? ' (failed)' : ''}
                      </span>
                      {c.status !== null && c.error ? (
                        // An answer that came with a note (e.g. a body we could not read: outcome unknown).
                        <span
                          className="block break-words text-xs font-semibold text-amber-900"
                          data-testid="call-note"
                        >
                          note: {c.error.split(':')[0]}
                        </span>
                      ) : null}
                    </span>
                    <span className="text-right tabular-nums text-slate-700">{c.latencyMs} ms</span>
                    <span className="text-slate-700">
                      {c.attempt > 1 ? (
                        <>
                          <span className="sr-only">try </span>
                          {c.attempt}
                        </>
                      ) : (
                        ''
                      )}
                    </span>
                    <span
                      className="hidden truncate font-mono text-xs lg:block"
                      title={showOrder ? (c.orderId ?? '') : c.operation}
                    >
                      {showOrder ? (c.orderId ?? '—') : c.operation}
                    </span>
                  </summary>
                  <div className="grid gap-3 border-t border-slate-200 bg-slate-50 p-3 text-xs md:grid-cols-2">
                    <p className="font-mono break-all text-slate-700 md:col-span-2">
                      {c.operation}: {c.method} {c.path}
                    </p>
                    <Body title="Request" text={prettyBody(c.request)} />
                    <Body title="Response" text={`${c.error ? `${c.error}\n` : ''}${prettyBody(c.response)}`} />
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
                      {backTo ? (
                        <>
                          {' '}
                          ·{' '}
                          <a href={backTo} className="text-brand-700 underline">
                            ↑ Back to the diagram
                          </a>
                        </>
                      ) : null}
                    </p>
                  </div>
                </details>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
