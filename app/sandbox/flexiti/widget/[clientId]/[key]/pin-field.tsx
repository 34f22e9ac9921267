'use client';

import { useId } from 'react';
import type { WidgetView } from '@/lib/sandbox/flexiti/widget-sessions';
import type { WidgetT } from './widget-text';

/** The widget's brand bar, marked as the sandbox. */
export function WidgetHeader({ t }: { t: WidgetT }) {
  return (
    <header className="flex items-center justify-between gap-2 rounded-t-2xl bg-[#00263e] px-4 py-3 text-white">
      <div>
        <h1 id="flexiti-title" className="text-xl font-extrabold tracking-tight">
          {t('brand')}
        </h1>
        <p className="text-xs text-sky-100">{t('tagline')}</p>
      </div>
      <span className="rounded-full bg-amber-300 px-2 py-0.5 text-xs font-bold text-slate-900">{t('sandbox')}</span>
    </header>
  );
}

/** The SMS PIN step: the code sent to the phone on file (always the test PIN here). */
export function PinField({
  t,
  view,
  pin,
  onPin,
  invalid,
  inputRef,
}: {
  t: WidgetT;
  view: WidgetView;
  pin: string;
  onPin: (pin: string) => void;
  invalid: boolean;
  inputRef: React.RefObject<HTMLInputElement | null>;
}) {
  const pinId = useId();
  const pinHintId = useId();
  return (
    <div className="space-y-1">
      <p className="text-sm">{view.phoneLast4 ? t('pinIntro', { last4: view.phoneLast4 }) : t('pinIntroNoPhone')}</p>
      <label htmlFor={pinId} className="block font-semibold">
        {t('pin')}
      </label>
      <input
        ref={inputRef}
        id={pinId}
        name="pin"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={4}
        value={pin}
        onChange={(e) => onPin(e.target.value.replace(/\D/g, ''))}
        aria-describedby={pinHintId}
        aria-invalid={invalid ? true : undefined}
        className="h-12 w-32 rounded-lg border border-slate-400 px-3 text-center text-xl tracking-[0.5em]"
      />
      <p id={pinHintId} className="text-sm text-slate-600">
        {t('pinHint', { pin: view.testData.pin })}
      </p>
    </div>
  );
}
