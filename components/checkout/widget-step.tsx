'use client';

import { useTranslations } from 'next-intl';
import type { FlexitiWidgetEvent } from '@/lib/partners/flexiti/browser';
import { FlexitiWidgetFrame } from './flexiti-widget-frame';
import { PayingLine } from './paying-line';

/** The checkout while Flexiti's window is open: what is being paid, the checking and time notes, the frame. */
export function WidgetStep({
  title,
  paying,
  checking,
  warningMinutes,
  url,
  widgetOrigin,
  onEvent,
}: {
  title: string;
  paying: string;
  checking: boolean;
  warningMinutes: number | null;
  url: string;
  widgetOrigin: string;
  onEvent: (event: FlexitiWidgetEvent) => void;
}) {
  const t = useTranslations('Checkout');
  return (
    <section aria-labelledby="widget-heading" className="space-y-3">
      <h2 id="widget-heading" className="text-xl font-semibold">
        {title}
      </h2>
      <PayingLine text={paying} />
      <p className="text-slate-700">{t('widgetIntro')}</p>
      {checking ? (
        <p role="status" className="rounded-lg bg-brand-50 p-3 font-medium">
          {t('checking')}
        </p>
      ) : null}
      {warningMinutes !== null && !checking ? (
        <p
          role="status"
          data-testid="checkout-time-warning"
          className="rounded-lg bg-amber-50 p-3 font-medium text-amber-950"
        >
          {t('timeoutWarning', { minutes: warningMinutes })}
        </p>
      ) : null}
      <FlexitiWidgetFrame url={url} widgetOrigin={widgetOrigin} onEvent={onEvent} />
    </section>
  );
}
