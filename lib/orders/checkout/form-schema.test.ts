import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en.json';
import fr from '@/lib/i18n/messages/fr.json';
import { localiseFieldErrors } from '@/lib/i18n/validation-message';
import { apply, applyRequiredFields, ok, rules } from '@/test/support/checkout-forms';
import { parseCheckoutForm } from './form-schema';

/**
 * The checkout form schema: every rule with a passing and a failing input, in the customer's
 * words (its mapping to Flexiti's wire, and agreement with the sandbox: lib/partners/flexiti/form-wire.test.ts).
 */

const english = createTranslator({ locale: 'en', messages: en, namespace: 'CheckoutValidation' });
const french = createTranslator({ locale: 'fr', messages: fr, namespace: 'CheckoutValidation' });

const errorsOf = (input: Record<string, unknown>) => {
  const r = parseCheckoutForm(input);
  return r.success ? {} : r.fieldErrors;
};

describe('the checkout form schema', () => {
  it.each(rules)('%s', (_rule, pass, fail, field) => {
    const base = pass.flow || fail.flow ? {} : { flow: 'purchase' };
    expect(errorsOf({ ...base, ...pass })).toEqual({});
    expect(Object.keys(errorsOf({ ...base, ...fail }))).toContain(field);
  });

  it('names every bad field of a form, in words a customer understands', () => {
    const e = errorsOf({ flow: 'apply', firstName: 'Zoë', mobile: '12' });
    expect(Object.keys(e).sort()).toEqual([...applyRequiredFields].sort());
    const inEnglish = localiseFieldErrors(e, english);
    expect(inEnglish.agreeToTerms).toBe('Accept the Flexiti Cardholder Agreement to apply');
    expect(inEnglish.mobile).toBe('Enter a 10-digit mobile number');
  });

  it('says it in French for a French customer', () => {
    const e = localiseFieldErrors(
      errorsOf({ flow: 'apply', firstName: 'a'.repeat(81), dateOfBirth: '1993-02-29', mobile: '12' }),
      french,
    );
    expect(e.firstName).toBe('Utilisez au plus 80 caractères');
    expect(e.dateOfBirth).toBe('Entrez une date qui existe');
    expect(e.mobile).toBe('Entrez un numéro de cellulaire à 10 chiffres');
    expect(e.agreeToTerms).toBe('Acceptez l’entente du titulaire de carte Flexiti pour faire une demande');
    expect(e.postalCode).toBe('Entrez votre code postal');
  });

  // A rule whose message is not a CheckoutValidation key would reach a French customer in English.
  const forged = new Set(['identifyBy', 'lang']); // values no form offers: zod's own words are enough
  it.each(rules.filter((r) => !forged.has(r[3])))(
    '%s: the message exists in English and French',
    (_r, pass, fail, field) => {
      const base = pass.flow || fail.flow ? {} : { flow: 'purchase' };
      const raw = errorsOf({ ...base, ...fail });
      const inEnglish = localiseFieldErrors(raw, english)[field];
      const inFrench = localiseFieldErrors(raw, french)[field];
      expect(inEnglish).not.toBe(raw[field]);
      expect(inFrench).not.toBe(raw[field]);
      expect(inFrench).not.toBe(inEnglish);
    },
  );

  it('normalizes what people type', () => {
    const f = ok(apply({ postalCode: ' m5v 2t6 ', mobile: '+1 (416) 555-0100', address2: '' }));
    expect(f).toMatchObject({ postalCode: 'M5V2T6', mobile: '4165550100', lang: 'en', accountType: 'consumer' });
    expect(f.flow === 'apply' && f.address2).toBeUndefined();
  });
});
