import { getTranslations } from 'next-intl/server';
import type { OrderState } from '@/lib/db/schema';
import { customerStateKey } from '@/lib/orders/browser';

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

/** The order state as the customer reads it ("Completed" only for a plan that was activated). */
export async function OrderStateBadge({
  state,
  entitlementStatus,
}: {
  state: OrderState;
  entitlementStatus: string | null;
}) {
  const t = (await getTranslations('State')) as unknown as (key: string) => string;
  return (
    <span
      className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-semibold ${TONE[state]}`}
      data-testid="order-state"
      data-state={state}
    >
      {t(customerStateKey(state, entitlementStatus))}
    </span>
  );
}
