import { getTranslations } from 'next-intl/server';
import { LocalTime } from '@/components/ui/local-time';
import { customerHistory, type HistoryEvent } from '@/lib/orders/browser';

/** The order's history in the customer's words (lib/orders/customer-view.ts); ops shows the raw causes. */
export async function OrderHistory({ events }: { events: HistoryEvent[] }) {
  const [t, ts] = await Promise.all([getTranslations('History'), getTranslations('State')]);
  // Keys come from customerHistory, which only produces keys the messages have (customer-view.test.ts).
  const word = t as unknown as (key: string) => string;
  const state = ts as unknown as { (key: string): string; has(key: string): boolean };
  return (
    <ol className="space-y-3" data-testid="order-history">
      {customerHistory(events).map((e) => (
        <li key={e.id} className="rounded-lg bg-white p-3">
          <p className="font-medium">{word(e.key)}</p>
          <p className="text-sm text-slate-600">
            {e.toState && state.has(e.toState) ? `${state(e.toState)} · ` : ''}
            <LocalTime iso={e.at.toISOString()} />
            {e.clockAheadMs ? (
              <span className="ml-1 rounded bg-amber-100 px-1 text-amber-950" data-testid="sandbox-clock-mark">
                {t('sandboxClock', { days: Math.round(e.clockAheadMs / 86_400_000) })}
              </span>
            ) : null}
          </p>
        </li>
      ))}
    </ol>
  );
}
