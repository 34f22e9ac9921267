'use client';

import { FLEXITI_PROVINCES } from '@/lib/partners/flexiti/checkout-schema';
import { TextField } from './text-field';

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

function text(p: FieldProps, name: keyof Draft & string, label: string, extra: Record<string, unknown> = {}) {
  return (
    <TextField
      name={name}
      label={label}
      value={String(p.draft[name] ?? '')}
      onValue={(v) => p.set(name, v as never)}
      error={p.errors[name]}
      {...extra}
    />
  );
}

function PersonalFields(p: FieldProps) {
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        {text(p, 'firstName', 'First name', { autoComplete: 'given-name' })}
        {text(p, 'lastName', 'Last name', { autoComplete: 'family-name' })}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {text(p, 'dateOfBirth', 'Date of birth', {
          placeholder: 'YYYY-MM-DD',
          inputMode: 'numeric',
          autoComplete: 'bday',
          hint: 'As YYYY-MM-DD, for example 1990-04-12',
        })}
        {text(p, 'postalCode', 'Postal code', { autoComplete: 'postal-code', autoCapitalize: 'characters' })}
      </div>
    </>
  );
}

const IDENTIFY_BY: { value: Draft['identifyBy']; label: string }[] = [
  { value: 'account', label: 'Account number' },
  { value: 'card', label: 'FlexitiCard number' },
  { value: 'personal', label: 'My personal details' },
];

/** "Use my Flexiti account": one of account number, card number or personal information (§A.4). */
export function PurchaseFields(p: FieldProps) {
  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="mb-2 font-medium">Find my Flexiti account by</legend>
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
              {o.label}
            </label>
          ))}
        </div>
      </fieldset>
      {p.draft.identifyBy === 'account'
        ? text(p, 'accountNumber', 'Flexiti account number', {
            inputMode: 'numeric',
            hint: 'Up to 14 digits, on your Flexiti statement (not the card number)',
          })
        : null}
      {p.draft.identifyBy === 'card'
        ? text(p, 'cardNumber', 'FlexitiCard number', { inputMode: 'numeric', autoComplete: 'off', hint: '16 digits' })
        : null}
      {p.draft.identifyBy === 'personal' ? <PersonalFields {...p} /> : null}
    </div>
  );
}

/** "Apply for Flexiti financing" (§A.4 apply fields). */
export function ApplyFields(p: FieldProps) {
  const provinceError = p.errors.province;
  const agreeError = p.errors.agreeToTerms;
  return (
    <div className="space-y-4">
      <PersonalFields {...p} />
      {text(p, 'email', 'Email address', { type: 'email', autoComplete: 'email' })}
      {text(p, 'mobile', 'Mobile number', {
        type: 'tel',
        autoComplete: 'tel-national',
        hint: '10 digits; Flexiti texts you a code',
      })}
      {text(p, 'address1', 'Street address', { autoComplete: 'address-line1' })}
      {text(p, 'address2', 'Apartment, suite (optional)', { autoComplete: 'address-line2' })}
      <div className="grid gap-4 sm:grid-cols-2">
        {text(p, 'city', 'City', { autoComplete: 'address-level2' })}
        <div className="space-y-1">
          <label htmlFor="checkout-province" className="block font-medium">
            Province or territory
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
            <option value="">Choose…</option>
            {FLEXITI_PROVINCES.map((code) => (
              <option key={code} value={code}>
                {code}
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
            className="mt-1 h-5 w-5 shrink-0 accent-brand-600"
          />
          <label htmlFor="checkout-agreeToTerms">I accept the Flexiti Cardholder Agreement</label>
        </div>
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
