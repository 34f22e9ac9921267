import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState, Notice, PageTitle } from '@/components/ops/ui';
import { buttonClass, InputField, secondaryButtonClass } from '@/components/ui/form-fields';
import { getDb } from '@/lib/db/client';
import { requireStaff } from '@/lib/ops/access';
import { formatUtc } from '@/lib/ops/format-time';
import { retryMessage } from '@/lib/ops/retry-message';
import { findOutboxJob, listOutboxForOps, OUTBOX_VIEWS, outboxCounts, type OutboxView } from '@/lib/ops/queries';
import { giveUpOutboxJob, retryOutboxJob } from './actions';

export const metadata: Metadata = { title: 'Outbox' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const VIEW_LABELS: Record<OutboxView, string> = {
  failed: 'Failed (will retry)',
  pending: 'Pending',
  dead: 'Dead',
  running: 'Running',
  done: 'Done',
};

const OK: Record<string, (job: string) => string> = {
  'given-up': (job) => `Job #${job} given up. The reason is recorded.`,
};
const ERR: Record<string, string> = {
  'not-retryable': 'That job is neither pending nor dead (it may be running or done already).',
  'not-pending': 'Only a pending job can be given up.',
  invalid: 'The form was not valid.',
};

export default async function OpsOutboxPage({ searchParams }: { searchParams: Search }) {
  await requireStaff('/ops/outbox');
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  const view = (OUTBOX_VIEWS as readonly string[]).includes(one(q.view)) ? (one(q.view) as OutboxView) : 'failed';
  const db = await getDb();
  const [jobs, counts] = await Promise.all([listOutboxForOps(db, view), outboxCounts(db)]);
  const ok = OK[one(q.ok)];
  const err = ERR[one(q.error)];
  const jobId = Number(one(q.job));
  const retried =
    one(q.ok) === 'retried' && Number.isSafeInteger(jobId) && jobId > 0
      ? retryMessage(String(jobId), one(q.outcome), await findOutboxJob(db, jobId))
      : null;
  return (
    <>
      <PageTitle lead="Partner calls that must happen after a commit (OpenTV entitlements, OMS reports). The worker retries with backoff spread over hours (about 30 s, then minutes, then up to 2 h between attempts); here you can retry now, which does not use up one of its attempts, or give up with a reason.">
        Outbox
      </PageTitle>
      {retried ? <Notice kind={retried.kind}>{retried.text}</Notice> : null}
      {ok ? <Notice kind="ok">{ok(one(q.job))}</Notice> : null}
      {err ? (
        <Notice kind="error">
          {err}
          {one(q.detail) ? ` ${one(q.detail)}` : ''}
        </Notice>
      ) : null}
      <nav aria-label="Outbox views" className="mb-4 flex flex-wrap gap-2 text-sm">
        {OUTBOX_VIEWS.map((v) => (
          <Link
            key={v}
            href={`/ops/outbox?view=${v}`}
            aria-current={v === view ? 'page' : undefined}
            className={`rounded-full border px-3 py-1 ${v === view ? 'border-brand-600 bg-brand-600 text-white' : 'border-slate-300 bg-white text-slate-900'}`}
          >
            {VIEW_LABELS[v]} <span data-testid={`count-${v}`}>({counts[v]})</span>
          </Link>
        ))}
      </nav>
      {jobs.length === 0 ? (
        <EmptyState>No {VIEW_LABELS[view].toLowerCase()} jobs.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {jobs.map((j) => (
            <li key={j.id} className="rounded-xl border border-slate-200 bg-white p-4" data-testid="outbox-job">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">
                  <span className="font-mono">#{j.id}</span> {j.kind}
                </h2>
                <span className="text-sm" data-testid="outbox-job-status">
                  <strong>{j.status}</strong> · {j.attempts}/{j.maxAttempts} attempts
                  {/* Only a pending job has a next run; a dead one waits for a person, a done one for nothing. */}
                  {j.status === 'pending' ? (
                    <>
                      {' '}
                      · next run <time dateTime={j.runAt.toISOString()}>{formatUtc(j.runAt)}</time>
                    </>
                  ) : j.status === 'dead' ? (
                    <>
                      {' '}
                      · stopped <time dateTime={j.updatedAt.toISOString()}>{formatUtc(j.updatedAt)}</time>, waits for a
                      person
                    </>
                  ) : j.status === 'done' && j.doneAt ? (
                    <>
                      {' '}
                      · done <time dateTime={j.doneAt.toISOString()}>{formatUtc(j.doneAt)}</time>
                    </>
                  ) : null}
                </span>
              </div>
              {j.orderId ? (
                <p className="text-sm">
                  Order{' '}
                  <Link href={`/ops/orders/${j.orderId}`} className="font-mono text-brand-700 underline">
                    {j.orderId}
                  </Link>
                </p>
              ) : null}
              {j.lastError ? (
                <p className="mt-1 break-words text-sm text-red-800" data-testid="outbox-last-error">
                  {j.lastError}
                </p>
              ) : null}
              {j.status === 'pending' || j.status === 'dead' ? (
                <div className="mt-3 flex flex-wrap items-end gap-3">
                  <form action={retryOutboxJob}>
                    <input type="hidden" name="jobId" value={j.id} />
                    <input type="hidden" name="view" value={view} />
                    <button type="submit" className={buttonClass} aria-label={`Retry job ${j.id} now`}>
                      Retry now
                    </button>
                  </form>
                  {j.status === 'pending' ? (
                    <form action={giveUpOutboxJob} className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="jobId" value={j.id} />
                      <input type="hidden" name="view" value={view} />
                      <InputField
                        id={`reason-${j.id}`}
                        name="reason"
                        label="Reason to give up"
                        required
                        minLength={3}
                        maxLength={500}
                      />
                      <button type="submit" className={secondaryButtonClass} aria-label={`Give up job ${j.id}`}>
                        Give up
                      </button>
                    </form>
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
