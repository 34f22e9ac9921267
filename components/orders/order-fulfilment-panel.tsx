import Link from 'next/link';
import { getFulfilmentView, type FulfilmentView, type OmsReportView } from '@/lib/orders/fulfilment-view';
import { formatMoney } from '@/lib/money';
import type { Order } from '@/lib/orders/transitions';
import { CancelOrderButton, RefreshWhilePending } from './order-fulfilment-client';

/**
 * The order page's fulfilment panel (issue 5 E): provisioning at OpenTV (pending with the
 * activation link, active), the refund, what Flipkart has been told (OMS reports delivered,
 * scheduled, retrying, failed), and "Cancel order" while the order can still be cancelled.
 * The order page renders it with the order row it already checked belongs to the customer; the
 * panel loads the rest (outbox jobs) itself, scoped to that customer again. Nothing before payment.
 */
export async function OrderFulfilmentPanel({ order }: { order: Order }) {
  const view = await getFulfilmentView(order.customerId, order.id);
  if (
    !view ||
    view.state === 'PENDING_PAYMENT' ||
    view.state === 'PAYMENT_VERIFYING' ||
    view.state === 'PAYMENT_FAILED' ||
    view.state === 'CANCELLED_BY_CUSTOMER'
  ) {
    return null;
  }
  const inFlight =
    view.provisioning.kind === 'not-started' ||
    view.provisioning.kind === 'retrying' ||
    view.provisioning.kind === 'pending' ||
    view.refund.kind === 'in-progress' ||
    view.oms.some((o) => o.status === 'sending' || o.status === 'retrying');
  return (
    <section
      aria-labelledby="fulfilment-heading"
      className="space-y-4 rounded-lg bg-white p-4 shadow-sm"
      data-testid="fulfilment-panel"
    >
      <h2 id="fulfilment-heading" className="text-lg font-semibold text-slate-900">
        Your subscription
      </h2>
      <Provisioning view={view} />
      {view.refund.kind !== 'none' ? <Refund view={view} /> : null}
      <FlipkartReports view={view} />
      {/* Always rendered (same place in the tree), so the cancel's confirmation stays on screen
          after the panel re-renders without the button. */}
      <CancelOrderButton
        orderId={view.orderId}
        cancellable={view.cancellable}
        hint={
          view.lastFulfillmentAt ? `You can cancel for a full refund until ${dateTime(view.lastFulfillmentAt)}.` : null
        }
      />
      {view.sandbox ? (
        <p className="text-sm text-slate-600">
          Sandbox:{' '}
          <Link href="/sandbox/clock" className="text-blue-800 underline">
            move the sandbox clock
          </Link>{' '}
          to reach the end of the cancellation period.
        </p>
      ) : null}
      {inFlight ? <RefreshWhilePending /> : null}
    </section>
  );
}

const dateTime = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d) + ' UTC';

function Provisioning({ view }: { view: FulfilmentView }) {
  const p = view.provisioning;
  let text: React.ReactNode;
  switch (p.kind) {
    case 'not-started':
      text = 'Setting up your subscription with OpenTV…';
      break;
    case 'retrying':
      text = 'OpenTV is not answering right now. We keep trying automatically; nothing for you to do.';
      break;
    case 'failed':
      text = 'We could not set up your subscription with OpenTV. Our team has been alerted and will fix it.';
      break;
    case 'pending':
      text = p.activationUrl ? (
        <>
          Ready to activate.{' '}
          <a href={p.activationUrl} className="font-medium text-blue-800 underline">
            Activate your subscription
          </a>
        </>
      ) : (
        'Waiting for activation.'
      );
      break;
    case 'active':
      text = 'Active: enjoy watching.';
      break;
    case 'ended':
      text = p.status === 'CANCELLED' ? 'Subscription cancelled at OpenTV.' : `OpenTV status: ${p.status}.`;
      break;
    case 'not-needed':
      text = 'Not set up: the order was cancelled first.';
      break;
  }
  const status =
    p.kind === 'pending'
      ? 'PENDING'
      : p.kind === 'active'
        ? 'ACTIVE'
        : p.kind === 'ended'
          ? p.status
          : p.kind.toUpperCase();
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-800">Provisioning</h3>
      <p className="text-slate-800" data-testid="provisioning" data-status={status}>
        {text}
      </p>
    </div>
  );
}

function Refund({ view }: { view: FulfilmentView }) {
  const r = view.refund;
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-800">Refund</h3>
      <p className="text-slate-800" data-testid="refund" data-status={r.kind}>
        {r.kind === 'done'
          ? `${formatMoney(r.amountCents, view.currency)} refunded to your Flexiti account${r.returnId ? ` (return ${r.returnId})` : ''}.`
          : r.kind === 'failed'
            ? 'Your refund needs our attention. Our team has been alerted.'
            : `Refund of ${formatMoney(view.amountCents, view.currency)} in progress…`}
      </p>
    </div>
  );
}

const OMS_LABELS: Record<OmsReportView['state'], string> = {
  ORDER_CONFIRMED: 'Order confirmed',
  ORDER_FULFILLED: 'Order completed',
  ORDER_CANCELLED: 'Order cancelled',
};

function reportText(o: OmsReportView): string {
  switch (o.status) {
    case 'delivered':
      return o.at ? `told ${dateTime(o.at)}` : 'told';
    case 'scheduled':
      return o.at ? `will be told ${dateTime(o.at)}` : 'scheduled';
    case 'sending':
      return 'being sent';
    case 'retrying':
      return 'Flipkart is not answering; retrying';
    case 'failed':
      return 'not delivered; our team has been alerted';
  }
}

function FlipkartReports({ view }: { view: FulfilmentView }) {
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-800">What Flipkart has been told</h3>
      {view.oms.length === 0 ? (
        <p className="text-slate-700">Nothing yet.</p>
      ) : (
        <ul className="mt-1 space-y-1" data-testid="oms-reports">
          {view.oms.map((o) => (
            <li key={o.state} data-state={o.state} data-status={o.status} className="text-slate-800">
              <span className="font-medium">{OMS_LABELS[o.state]}</span>
              {o.state === 'ORDER_CANCELLED' && view.refund.kind === 'done'
                ? ` (refund ${formatMoney(view.refund.amountCents, view.currency)})`
                : ''}
              : {reportText(o)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
