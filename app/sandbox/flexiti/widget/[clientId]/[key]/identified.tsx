import type { WidgetView } from '@/lib/sandbox/flexiti/widget-sessions';
import type { WidgetT } from './widget-text';

/** Who Flexiti identified (the widget's first step). */
export function Identified({
  t,
  view,
  alreadyKnown,
  money,
}: {
  t: WidgetT;
  view: WidgetView;
  alreadyKnown: boolean;
  money: Intl.NumberFormat;
}) {
  const rows: [string, string][] = [];
  if (view.flow === 'purchase' && view.account) {
    rows.push([t('holder'), view.account.holder]);
    rows.push([t('account'), `•••• ${view.account.last4}`]);
    rows.push([t('available'), money.format(view.account.availableCredit)]);
  } else if (view.flow === 'apply') {
    if (view.person) rows.push([t('applicant'), view.person]);
    rows.push([t('limit'), t('upTo', { amount: money.format(view.approvedCredit) })]);
  } else if (view.person) {
    rows.push([t('applicant'), view.person]);
  }
  return (
    <div className="space-y-2">
      {rows.length ? (
        <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 text-sm">
          {rows.map(([k, v]) => (
            <div key={k} className="flex justify-between gap-3 px-3 py-2">
              <dt className="text-slate-600">{k}</dt>
              <dd className="text-right font-semibold">{v}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {view.flow === 'purchase' && !view.account ? <p className="text-sm">{t('noAccount')}</p> : null}
      {alreadyKnown ? <p className="text-sm">{t('existing', { name: view.person ?? '' })}</p> : null}
      <p className="rounded-lg bg-sky-50 p-2 text-xs text-slate-700">
        {t('terms')} {t('amountNote')}
      </p>
    </div>
  );
}
