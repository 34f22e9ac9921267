import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState, Notice, PageTitle, StateBadge } from '@/components/ops/ui';
import { buttonClass, InputField, secondaryButtonClass } from '@/components/ui/form-fields';
import { getDb } from '@/lib/db/client';
import { formatMoney } from '@/lib/money';
import { requireStaff } from '@/lib/ops/access';
import { formatUtc } from '@/lib/ops/format-time';
import { listNeedsAttention } from '@/lib/ops/needs-attention';
import { confirmAttention, failAttention, refundAttention, retryAttention } from './actions';

export const metadata: Metadata = { title: 'Needs attention' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const REASONS: Record<string, string> = {
  payment_unsettled: 'Payment still unsettled after the automatic window (Flexiti could not be read)',
  job_dead: 'A partner step failed for good (dead outbox job)',
  partner_mismatch: 'Our order and Flexiti disagree',
  refund_failed: 'The refund failed for good',
  access_end_failed: 'Ending the access failed for good: the refund is held',
};

const DONE: Record<string, string> = {
  confirm: 'Confirmed',
  fail: 'Failed',
  retry: 'Retried',
  refund: 'Refunded',
};

export default async function NeedsAttentionPage({ searchParams }: { searchParams: Search }) {
  await requireStaff('/ops/attention');
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  const rows = await listNeedsAttention(await getDb());
  const done = DONE[one(q.done)];
  const refused = one(q.error);
  return (
    <>
      <PageTitle lead="Orders software could not settle on its own. Read the evidence, then confirm with an authorization id (checked at Flexiti), fail the payment (anything held is given back), retry, or refund. Every action is audited; the customer sees the outcome on their order page.">
        Needs attention
      </PageTitle>
      {done ? (
        <Notice kind="ok">
          {done} {one(q.order)}: {one(q.outcome)}
        </Notice>
      ) : null}
      {refused ? (
        <Notice kind="error">
          Not done for {one(q.order)}: {refused}
          {one(q.detail) ? ` (${one(q.detail)})` : ''}
        </Notice>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState>Nothing needs attention.</EmptyState>
      ) : (
        <ul className="space-y-4">
          {rows.map(({ order, product, customerName, events, calls, jobs }) => (
            <li
              key={order.id}
              className="rounded-xl border border-amber-300 bg-white p-4"
              data-testid="attention-order"
              data-order-id={order.id}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">
                  <Link href={`/ops/orders/${order.id}`} className="font-mono text-brand-700 underline">
                    {order.id}
                  </Link>{' '}
                  <StateBadge state={order.state} />
                </h2>
                <span className="text-sm">
                  {product.name} · {formatMoney(order.amountCents, order.currency)} · {customerName ?? 'customer'}
                </span>
              </div>
              <p className="mt-1 text-sm font-medium text-amber-900" data-testid="attention-reason">
                {REASONS[order.attentionReason ?? ''] ?? order.attentionReason} · since{' '}
                {order.attentionSince ? (
                  <time dateTime={order.attentionSince.toISOString()}>{formatUtc(order.attentionSince)}</time>
                ) : (
                  '—'
                )}
              </p>
              <p className="text-sm">
                Flexiti account <span className="font-mono">{order.flexitiAccountNumber ?? '—'}</span> · authorization{' '}
                <span className="font-mono">{order.authorizationId ?? '—'}</span>
              </p>
              <details className="mt-2 text-sm">
                <summary className="min-h-11 cursor-pointer py-2 font-medium">
                  Evidence: {events.length} history entries, {calls.length} partner calls, {jobs.length} jobs
                </summary>
                <div className="grid gap-4 lg:grid-cols-3">
                  <section>
                    <h3 className="font-semibold">What happened (look-ups, decisions)</h3>
                    <ol className="space-y-1" data-testid="attention-events">
                      {events.map((e) => (
                        <li key={e.id}>
                          <time className="font-mono text-xs text-slate-600">{formatUtc(e.createdAt)}</time>{' '}
                          {e.fromState === e.toState ? '' : `${e.fromState ?? 'new'} → ${e.toState}: `}
                          {e.cause}
                          {e.detail ? (
                            <span className="block break-all font-mono text-xs text-slate-600">
                              {JSON.stringify(e.detail).slice(0, 300)}
                            </span>
                          ) : null}
                        </li>
                      ))}
                    </ol>
                  </section>
                  <section>
                    <h3 className="font-semibold">Partner calls</h3>
                    <ol className="space-y-1" data-testid="attention-calls">
                      {calls.map((c) => (
                        <li key={c.id}>
                          <time className="font-mono text-xs text-slate-600">{formatUtc(c.createdAt)}</time> {c.partner}{' '}
                          {c.operation} → {c.status ?? c.error?.slice(0, 80) ?? 'no answer'}
                        </li>
                      ))}
                    </ol>
                  </section>
                  <section>
                    <h3 className="font-semibold">What was tried (jobs)</h3>
                    <ul className="space-y-1">
                      {jobs.map((j) => (
                        <li key={j.id}>
                          <span className="font-mono">#{j.id}</span> {j.kind} · <strong>{j.status}</strong> ·{' '}
                          {j.attempts}/{j.maxAttempts}
                          {j.lastError ? <span className="block text-red-800">{j.lastError}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </section>
                </div>
              </details>
              <div className="mt-3 flex flex-wrap items-end gap-3">
                <form action={confirmAttention} className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="orderId" value={order.id} />
                  <InputField
                    id={`auth-${order.id}`}
                    name="authorizationId"
                    label="Flexiti authorization id"
                    required
                    maxLength={64}
                  />
                  <button type="submit" className={buttonClass} aria-label={`Confirm order ${order.id}`}>
                    Confirm
                  </button>
                </form>
                <form action={failAttention} className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="orderId" value={order.id} />
                  <InputField
                    id={`why-${order.id}`}
                    name="note"
                    label="Why fail it"
                    required
                    minLength={3}
                    maxLength={500}
                  />
                  <button type="submit" className={secondaryButtonClass} aria-label={`Fail order ${order.id}`}>
                    Fail and release
                  </button>
                </form>
                <OrderButton action={retryAttention} orderId={order.id} label="Retry" />
                <OrderButton action={refundAttention} orderId={order.id} label="Refund" />
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** A one-button staff action on one order (the server action audits it). */
function OrderButton({
  action,
  orderId,
  label,
}: {
  action: (form: FormData) => Promise<void>;
  orderId: string;
  label: string;
}) {
  return (
    <form action={action}>
      <input type="hidden" name="orderId" value={orderId} />
      <button type="submit" className={secondaryButtonClass} aria-label={`${label} order ${orderId}`}>
        {label}
      </button>
    </form>
  );
}
