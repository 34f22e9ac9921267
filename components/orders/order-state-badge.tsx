import type { OrderState } from '@/lib/db/schema';
import { STATE_LABELS } from '@/lib/orders/state-machine';

const TONE: Record<OrderState, string> = {
  PENDING_PAYMENT: 'bg-amber-100 text-amber-900',
  PAYMENT_VERIFYING: 'bg-sky-100 text-sky-900',
  PAYMENT_FAILED: 'bg-red-100 text-red-900',
  CANCELLED_BY_CUSTOMER: 'bg-slate-200 text-slate-900',
  CONFIRMED: 'bg-emerald-100 text-emerald-900',
  ACTIVE: 'bg-emerald-100 text-emerald-900',
  FULFILLED: 'bg-emerald-100 text-emerald-900',
  CANCELLED: 'bg-slate-200 text-slate-900',
};

/** The order state as the customer reads it (lib/orders/state-machine.ts STATE_LABELS). */
export function OrderStateBadge({ state }: { state: OrderState }) {
  return (
    <span
      className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-semibold ${TONE[state]}`}
      data-testid="order-state"
      data-state={state}
    >
      {STATE_LABELS[state]}
    </span>
  );
}
