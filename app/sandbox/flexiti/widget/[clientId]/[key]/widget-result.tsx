import type { ResultKey, WidgetT } from './widget-text';

/** The widget's decision, as the customer reads it before the window closes. */
export function WidgetResult({
  t,
  result,
  amount,
  headingRef,
}: {
  t: WidgetT;
  result: ResultKey | 'expired';
  amount: string;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  if (result === 'expired') {
    return (
      <p role="status" className="rounded-lg bg-slate-100 p-3">
        {t('expired')}
      </p>
    );
  }
  const good = result === 'verified-purchase' || result === 'apply-approved' || result === 'apply-submitted';
  return (
    <div role="status" className={`rounded-lg p-4 ${good ? 'bg-emerald-50' : 'bg-slate-100'}`}>
      <h2 ref={headingRef} tabIndex={-1} className="text-lg font-bold">
        {t(`result.${result}.title`)}
      </h2>
      <p className="mt-1 text-sm">{t(`result.${result}.body`, { amount, terms: t('terms') })}</p>
      <p className="mt-2 text-sm text-slate-600">{t('returning')}</p>
    </div>
  );
}
