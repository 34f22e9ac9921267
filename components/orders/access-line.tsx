import { getTranslations } from 'next-intl/server';
import { LocalTime } from '@/components/ui/local-time';
import { accessStatus, type Term } from '@/lib/catalog/term';
import { isPaid } from '@/lib/orders/state-machine';
import type { OrderState } from '@/lib/db/schema';

/**
 * "Access until Jan 5, 2027 · does not renew" on a paid order (the order page and My orders): a
 * purchase is one fixed term from the payment, and nothing renews (lib/catalog/term.ts). Once the
 * term is over: "Access ended …". Nothing for an order that is not (or no longer) paid.
 */
export async function AccessLine({
  state,
  paidAt,
  term,
  className = '',
}: {
  state: OrderState;
  paidAt: Date | null;
  term: Term;
  className?: string;
}) {
  if (!paidAt || !isPaid(state)) return null;
  const t = await getTranslations('Term');
  const { endsAt, ended } = accessStatus(paidAt, term);
  const when = () => <LocalTime iso={endsAt.toISOString()} dateOnly />;
  return (
    <span className={`${className} text-slate-700`} data-testid="access-until">
      {ended ? t.rich('accessEnded', { when }) : t.rich('accessUntil', { when })}
    </span>
  );
}
