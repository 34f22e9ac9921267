import type { CustomerOrderDetail } from '@/lib/orders/queries';
import { STATE_LABELS } from '@/lib/orders/state-machine';

/** What the customer sees for each `order_events` cause; ops sees the raw cause. */
const CAUSES: Record<string, string> = {
  'checkout.started': 'Checkout started',
  'flexiti.widget_opened': 'Flexiti window opened',
  'flexiti.widget_init_failed': 'Flexiti could not open its window',
  'flexiti.cancelled': 'You closed the Flexiti window',
  'flexiti.activation_needed': 'Flexiti asked to activate your account first',
  'flexiti.switch_to_apply': 'You chose to apply for financing',
  'flexiti.switch_to_purchase': 'Flexiti found your existing account',
  'flexiti.retry': 'Flexiti asked to try again',
  'flexiti.application_approved': 'Flexiti approved your application',
  'flexiti.authorized': 'Flexiti approved the payment',
  'flexiti.unverified': 'Flexiti could not verify your account',
  'flexiti.derogatory': 'Flexiti cannot finance this on your account',
  'flexiti.widget_failure': 'The Flexiti window reported an error',
  'flexiti.authorization_requested': 'Payment sent to Flexiti',
  'flexiti.authorization_outcome_unknown': "Flexiti's answer did not reach us clearly; checking with Flexiti",
  'flexiti.reconcile_lookup': 'Checked the payment with Flexiti',
  'flexiti.reconcile_lookup_failed': 'Could not reach Flexiti to check the payment; trying again',
  'flexiti.reconciled_captured': 'Flexiti confirmed the payment',
  'flexiti.reconciled_captured_now': 'Flexiti confirmed the payment',
  'flexiti.reconciled_not_found': 'Flexiti has no payment for this order: nothing was charged',
  'flexiti.orphan_released': 'A payment hold without a paid order was released',
  'flexiti.orphan_returned': 'A payment without a paid order was refunded',
  'recovery.authorization_never_requested': 'The payment was interrupted before it reached Flexiti',
};

function describe(cause: string): string {
  if (CAUSES[cause]) return CAUSES[cause];
  if (cause.endsWith('_declined')) return 'Flexiti declined';
  if (cause.startsWith('flexiti.')) return 'Flexiti answered with an error';
  // Causes recorded by other parts of the app (fulfilment): readable, not translated.
  const words = cause.replace(/[._]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function OrderHistory({ events, locale = 'en-CA' }: { events: CustomerOrderDetail['events']; locale?: string }) {
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return (
    <ol className="space-y-3" data-testid="order-history">
      {events.map((e) => (
        <li key={e.id} className="rounded-lg bg-white p-3">
          <p className="font-medium">{describe(e.cause)}</p>
          <p className="text-sm text-slate-600">
            {e.fromState !== e.toState ? `${STATE_LABELS[e.toState as keyof typeof STATE_LABELS] ?? e.toState} · ` : ''}
            <time dateTime={e.createdAt.toISOString()}>{time.format(e.createdAt)} UTC</time>
          </p>
        </li>
      ))}
    </ol>
  );
}
