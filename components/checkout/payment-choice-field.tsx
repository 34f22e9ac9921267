'use client';

import { useTranslations } from 'next-intl';
import { PAYMENT_CHOICES, type PaymentChoice } from './payment-choice';

/** "How to pay": the two Flexiti paths as large radio cards. */
export function PaymentChoiceField({
  choice,
  onChoose,
}: {
  choice: PaymentChoice;
  onChoose: (choice: PaymentChoice) => void;
}) {
  const t = useTranslations('Checkout');
  return (
    <fieldset className="space-y-2">
      <legend id="pay-heading" className="mb-2 text-xl font-semibold">
        {t('howToPay')}
      </legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {PAYMENT_CHOICES.map((r) => (
          <label
            key={r.value}
            className="flex cursor-pointer gap-3 rounded-xl border-2 border-slate-300 bg-white p-4 has-[:checked]:border-brand-600"
          >
            <input
              type="radio"
              name="route"
              value={r.value}
              checked={choice === r.value}
              onChange={() => onChoose(r.value)}
              className="mt-1 h-5 w-5 shrink-0 accent-brand-600"
            />
            <span>
              <span className="block font-semibold">{t(r.title)}</span>
              <span className="block text-sm text-slate-600">{t(r.blurb)}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
