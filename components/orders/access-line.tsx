import { getTranslations } from 'next-intl/server';
import { LocalTime } from '@/components/ui/local-time';
import type { OrderState } from '@/lib/db/schema';
import { type BillingPeriod, isPaid, planAccess } from '@/lib/orders';

/**
 * How long a paid order's access lasts, on the order page and My orders. A purchase is one period
 * (30 days or 365 days) counted from the activation, and nothing renews (docs/refund-policy.md,
 * lib/orders/money-policy.ts, the same rule the checkout's one-live-plan check applies): before
 * activation "Your 30 days start when you activate it", then "Access until Jan 4, 2027", and once
 * over "Access ended …". Nothing for an order that is not (or no longer) paid.
 */
export async function AccessLine({
  state,
  activatedAt,
  term,
  className = '',
}: {
  state: OrderState;
  activatedAt: Date | null;
  term: BillingPeriod;
  className?: string;
}) {
  if (!isPaid(state)) return null;
  const [t, access] = await Promise.all([getTranslations('Term'), planAccess(activatedAt, term)]);
  if (!access) {
    return (
      <span className={`${className} text-slate-700`} data-testid="access-until">
        {t('startsOnActivation', { term })}
      </span>
    );
  }
  const when = () => <LocalTime iso={access.endsAt.toISOString()} dateOnly />;
  return (
    <span className={`${className} text-slate-700`} data-testid="access-until">
      {access.ended ? t.rich('accessEnded', { when }) : t.rich('accessUntil', { when })}
    </span>
  );
}
