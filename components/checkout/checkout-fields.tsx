'use client';

import { useTranslations } from 'next-intl';
import { FLEXITI_PROVINCES } from '@/lib/partners/flexiti/browser';
import { TextField } from '@/components/ui/text-field';

export type Draft = {
  identifyBy: 'account' | 'card' | 'personal';
  accountNumber: string;
  cardNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  postalCode: string;
  email: string;
  mobile: string;
  address1: string;
  address2: string;
  city: string;
  province: string;
  agreeToTerms: boolean;
  lang: 'en' | 'fr';
};

type FieldProps = {
  draft: Draft;
  errors: Record<string, string>;
  set: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
};

type Label = ReturnType<typeof useTranslations<'Checkout'>>;

/** A text field labelled by its own message (Checkout.<name>). */
function text(t: Label, p: FieldProps, name: keyof Draft & Parameters<Label>[0], extra: Record<string, unknown> = {}) {
  return (
    <TextField
      name={name}
      label={t(name)}
      value={String(p.draft[name] ?? '')}
      onValue={(v) => p.set(name, v as never)}
      error={p.errors[name]}
      {...extra}
    />
  );
}

function PersonalFields(p: FieldProps) {
  const t = useTranslations('Checkout');
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        {text(t, p, 'firstName', { autoComplete: 'given-name' })}
        {text(t, p, 'lastName', { autoComplete: 'family-name' })}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {/* The browser's own date picker (its value is still YYYY-MM-DD, what Flexiti takes). */}
        {text(t, p, 'dateOfBirth', { type: 'date', autoComplete: 'bday', hint: t('dateOfBirthHint') })}
        {text(t, p, 'postalCode', { autoComplete: 'postal-code', autoCapitalize: 'characters' })}
      </div>
    </>
  );
}

const IDENTIFY_BY = [
  { value: 'account', label: 'byAccount' },
  { value: 'card', label: 'byCard' },
  { value: 'personal', label: 'byPersonal' },
] as const;

/** "Use my Flexiti account": one of account number, card number or personal information (docs/partners/flexiti.md#widget-fields). */
export function PurchaseFields(p: FieldProps) {
  const t = useTranslations('Checkout');
  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="mb-2 font-medium">{t('findBy')}</legend>
        <div className="flex flex-wrap gap-2">
          {IDENTIFY_BY.map((o) => (
            <label
              key={o.value}
              className="flex min-h-12 cursor-pointer items-center gap-2 rounded-lg border border-slate-300 px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input
                type="radio"
                name="identifyBy"
                value={o.value}
                checked={p.draft.identifyBy === o.value}
                onChange={() => p.set('identifyBy', o.value)}
                className="h-5 w-5 accent-brand-600"
              />
              {t(o.label)}
            </label>
          ))}
        </div>
      </fieldset>
      {p.draft.identifyBy === 'account'
        ? text(t, p, 'accountNumber', { inputMode: 'numeric', hint: t('accountNumberHint') })
        : null}
      {p.draft.identifyBy === 'card'
        ? text(t, p, 'cardNumber', { inputMode: 'numeric', autoComplete: 'off', hint: t('cardNumberHint') })
        : null}
      {p.draft.identifyBy === 'personal' ? <PersonalFields {...p} /> : null}
    </div>
  );
}

/** The agreement in the customer's language, where the page takes a `lang` (the sandbox's does). */
function withLang(url: string, lang: string): string {
  try {
    const u = new URL(url);
    u.searchParams.set('lang', lang);
    return u.toString();
  } catch {
    return url;
  }
}

/** "Apply for Flexiti financing" (docs/partners/flexiti.md#widget-fields), with a link to the agreement it accepts. */
export function ApplyFields(p: FieldProps & { agreementUrl: string | null }) {
  const t = useTranslations('Checkout');
  const provinces = useTranslations('Provinces');
  const provinceError = p.errors.province;
  const agreeError = p.errors.agreeToTerms;
  return (
    <div className="space-y-4">
      <PersonalFields {...p} />
      {text(t, p, 'email', { type: 'email', autoComplete: 'email' })}
      {text(t, p, 'mobile', { type: 'tel', autoComplete: 'tel-national', hint: t('mobileHint') })}
      {text(t, p, 'address1', { autoComplete: 'address-line1' })}
      {text(t, p, 'address2', { autoComplete: 'address-line2' })}
      <div className="grid gap-4 sm:grid-cols-2">
        {text(t, p, 'city', { autoComplete: 'address-level2' })}
        <div className="space-y-1">
          <label htmlFor="checkout-province" className="block font-medium">
            {t('province')}
          </label>
          <select
            id="checkout-province"
            name="province"
            value={p.draft.province}
            onChange={(e) => p.set('province', e.target.value)}
            aria-invalid={provinceError ? true : undefined}
            aria-describedby={provinceError ? 'checkout-province-error' : undefined}
            className={`h-12 w-full rounded-lg border bg-white px-3 ${provinceError ? 'border-red-600' : 'border-slate-400'}`}
          >
            <option value="">{t('choose')}</option>
            {/* Names, in the customer's language and alphabetical order; Flexiti gets the code. */}
            {FLEXITI_PROVINCES.map((code) => ({ code, name: provinces(code) }))
              .sort((a, b) => a.name.localeCompare(b.name, p.draft.lang))
              .map(({ code, name }) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
          </select>
          {provinceError ? (
            <p id="checkout-province-error" className="text-sm font-medium text-red-700" data-testid="error-province">
              {provinceError}
            </p>
          ) : null}
        </div>
      </div>
      <div className="space-y-1">
        <div className="flex items-start gap-3">
          <input
            id="checkout-agreeToTerms"
            name="agreeToTerms"
            type="checkbox"
            checked={p.draft.agreeToTerms}
            onChange={(e) => p.set('agreeToTerms', e.target.checked)}
            aria-invalid={agreeError ? true : undefined}
            aria-describedby={agreeError ? 'checkout-agreeToTerms-error' : undefined}
            className="mt-0.5 h-6 w-6 shrink-0 accent-brand-600"
          />
          <label htmlFor="checkout-agreeToTerms">{t('agree')}</label>
        </div>
        {p.agreementUrl ? (
          <a
            href={withLang(p.agreementUrl, p.draft.lang)}
            target="_blank"
            rel="noopener noreferrer"
            className="ml-9 inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
          >
            {t('readAgreement')}
          </a>
        ) : null}
        {agreeError ? (
          <p
            id="checkout-agreeToTerms-error"
            className="text-sm font-medium text-red-700"
            data-testid="error-agreeToTerms"
          >
            {agreeError}
          </p>
        ) : null}
      </div>
    </div>
  );
}
