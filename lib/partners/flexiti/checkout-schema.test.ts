import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en.json';
import fr from '@/lib/i18n/messages/fr.json';
import { localiseFieldErrors } from '@/lib/i18n/validation-message';
import { validateWidgetInit } from '@/test/support/sandbox';
import {
  formFieldForWireParam,
  parseFlexitiCheckoutForm,
  toApplyBody,
  toWidgetInitBody,
  type FlexitiCheckoutForm,
} from './checkout-schema';

/**
 * The checkout form schema: every rule with a passing and a failing input, and agreement with the
 * sandbox's independent implementation of docs/partners/flexiti.md#widget-fields (what the form accepts, Flexiti accepts).
 */

const apply = (patch: Record<string, unknown> = {}) => ({
  flow: 'apply',
  firstName: 'Priya',
  lastName: 'Sharma',
  dateOfBirth: '1990-04-12',
  postalCode: 'm5v 2t6',
  email: 'priya.sharma@example.com',
  mobile: '(416) 555-0100',
  address1: '1 King St W',
  city: 'Toronto',
  province: 'ON',
  agreeToTerms: 'on',
  ...patch,
});
const byPerson = (patch: Record<string, unknown> = {}) => ({
  flow: 'purchase',
  identifyBy: 'personal',
  firstName: 'Priya',
  lastName: 'Sharma',
  dateOfBirth: '1990-04-12',
  postalCode: 'M5V2T6',
  ...patch,
});

const english = createTranslator({ locale: 'en', messages: en, namespace: 'CheckoutValidation' });
const french = createTranslator({ locale: 'fr', messages: fr, namespace: 'CheckoutValidation' });

const ok = (input: Record<string, unknown>): FlexitiCheckoutForm => {
  const r = parseFlexitiCheckoutForm(input);
  if (!r.success) throw new Error(`expected valid: ${JSON.stringify(r.fieldErrors)}`);
  return r.data;
};
const errorsOf = (input: Record<string, unknown>) => {
  const r = parseFlexitiCheckoutForm(input);
  return r.success ? {} : r.fieldErrors;
};

// [rule, passing input, failing input, field]
const rules: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
  [
    'account number up to 14 digits',
    { identifyBy: 'account', accountNumber: '2000 9100' },
    { identifyBy: 'account', accountNumber: '123456789012345' },
    'accountNumber',
  ],
  [
    'account number required',
    { identifyBy: 'account', accountNumber: '20009100' },
    { identifyBy: 'account', accountNumber: '' },
    'accountNumber',
  ],
  [
    'account number digits',
    { identifyBy: 'account', accountNumber: '20009100' },
    { identifyBy: 'account', accountNumber: '2000x100' },
    'accountNumber',
  ],
  [
    'card number 16 digits',
    { identifyBy: 'card', cardNumber: '1070 0152 1036 7982' },
    { identifyBy: 'card', cardNumber: '1070 0152 1036 798' },
    'cardNumber',
  ],
  [
    'purchase needs a way to identify',
    { identifyBy: 'card', cardNumber: '1070015210367982' },
    { identifyBy: 'phone' },
    'identifyBy',
  ],
  ['first name required', byPerson(), byPerson({ firstName: '  ' }), 'firstName'],
  [
    'first name at most 80',
    byPerson({ firstName: 'a'.repeat(80) }),
    byPerson({ firstName: 'a'.repeat(81) }),
    'firstName',
  ],
  [
    'last name at most 130',
    byPerson({ lastName: 'a'.repeat(130) }),
    byPerson({ lastName: 'a'.repeat(131) }),
    'lastName',
  ],
  ['names ASCII only', byPerson({ firstName: 'Zoe' }), byPerson({ firstName: 'Zoë' }), 'firstName'],
  [
    'date of birth format',
    byPerson({ dateOfBirth: '1992-02-29' }),
    byPerson({ dateOfBirth: '29/02/1992' }),
    'dateOfBirth',
  ],
  [
    'date of birth real',
    byPerson({ dateOfBirth: '1992-02-29' }),
    byPerson({ dateOfBirth: '1993-02-29' }),
    'dateOfBirth',
  ],
  [
    'date of birth in the past',
    byPerson({ dateOfBirth: '2001-01-01' }),
    byPerson({ dateOfBirth: '2999-01-01' }),
    'dateOfBirth',
  ],
  ['postal code Canadian', byPerson({ postalCode: 'k1p 5g4' }), byPerson({ postalCode: '560001' }), 'postalCode'],
  ['apply email required', apply(), apply({ email: '' }), 'email'],
  ['apply email format', apply({ email: 'a@b.ca' }), apply({ email: 'a@b' }), 'email'],
  [
    'apply email at most 100',
    apply({ email: `${'a'.repeat(88)}@example.com` }),
    apply({ email: `${'a'.repeat(89)}@example.com` }),
    'email',
  ],
  ['apply mobile 10 digits', apply({ mobile: '+1 416 555 0100' }), apply({ mobile: '416 555 010' }), 'mobile'],
  ['apply mobile not starting with 0', apply({ mobile: '4165550100' }), apply({ mobile: '0165550100' }), 'mobile'],
  ['apply address required', apply(), apply({ address1: '' }), 'address1'],
  ['apply address at most 250', apply({ address1: 'a'.repeat(250) }), apply({ address1: 'a'.repeat(251) }), 'address1'],
  [
    'apply address line 2 at most 100',
    apply({ address2: 'a'.repeat(100) }),
    apply({ address2: 'a'.repeat(101) }),
    'address2',
  ],
  ['apply city required', apply(), apply({ city: undefined }), 'city'],
  ['apply city ASCII', apply({ city: 'Montreal' }), apply({ city: 'Montréal' }), 'city'],
  ['apply province one of 13', apply({ province: 'NU' }), apply({ province: 'XX' }), 'province'],
  ['apply agreement', apply({ agreeToTerms: true }), apply({ agreeToTerms: undefined }), 'agreeToTerms'],
  ['apply personal information', apply(), apply({ dateOfBirth: '' }), 'dateOfBirth'],
  ['language en or fr', apply({ lang: 'fr' }), apply({ lang: 'de' }), 'lang'],
];

describe('the checkout form schema', () => {
  it.each(rules)('%s', (_rule, pass, fail, field) => {
    const base = pass.flow || fail.flow ? {} : { flow: 'purchase' };
    expect(errorsOf({ ...base, ...pass })).toEqual({});
    expect(Object.keys(errorsOf({ ...base, ...fail }))).toContain(field);
  });

  it('names every bad field of a form, in words a customer understands', () => {
    const e = errorsOf({ flow: 'apply', firstName: 'Zoë', mobile: '12' });
    expect(Object.keys(e).sort()).toEqual(
      [
        'firstName',
        'lastName',
        'dateOfBirth',
        'postalCode',
        'email',
        'mobile',
        'address1',
        'city',
        'province',
        'agreeToTerms',
      ].sort(),
    );
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

describe('mapping to the wire and agreement with the sandbox rules', () => {
  it('maps a purchase by account number, card and personal information', () => {
    expect(toWidgetInitBody(ok({ flow: 'purchase', identifyBy: 'account', accountNumber: '20009100' }))).toEqual({
      flow: 'purchase',
      lang: 'en',
      customer_identification: { account_number: 20009100 },
    });
    expect(toWidgetInitBody(ok({ flow: 'purchase', identifyBy: 'card', cardNumber: '1070-0152-1036-7982' }))).toEqual({
      flow: 'purchase',
      lang: 'en',
      customer_identification: { vcc_number: '1070015210367982' },
    });
    expect(toWidgetInitBody(ok(byPerson({ lang: 'fr' })))).toEqual({
      flow: 'purchase',
      lang: 'fr',
      customer_identification: {
        personal_information: { first_name: 'Priya', last_name: 'Sharma', dob: '1990-04-12', postal_code: 'M5V2T6' },
      },
    });
  });

  it('maps an apply with account_type inside customer_identification', () => {
    expect(toWidgetInitBody(ok(apply({ address2: 'Unit 4' })))).toEqual({
      flow: 'apply',
      lang: 'en',
      customer_identification: {
        account_type: 'consumer',
        personal_information: { first_name: 'Priya', last_name: 'Sharma', dob: '1990-04-12', postal_code: 'M5V2T6' },
      },
      email: 'priya.sharma@example.com',
      phone_number: 4165550100,
      address_1: '1 King St W',
      address_2: 'Unit 4',
      city: 'Toronto',
      province: 'ON',
      tos_agreement: true,
    });
    const form = ok(apply());
    if (form.flow !== 'apply') throw new Error('apply form expected');
    expect(toApplyBody(form, 'sess')).toMatchObject({ widget_session_id: 'sess', tos_agreement: true });
    expect(toApplyBody(form, 'sess')).not.toHaveProperty('flow');
  });

  it('every form the schema accepts, the sandbox accepts', () => {
    for (const [, pass] of rules) {
      const input = pass.flow ? pass : { flow: 'purchase', ...pass };
      const body = toWidgetInitBody(ok(input));
      const r = validateWidgetInit(body);
      expect(r.ok, `${JSON.stringify(body)} → ${JSON.stringify(r.ok ? '' : r.fieldErrors)}`).toBe(true);
    }
  });

  it('maps the sandbox field errors back to the form fields', () => {
    const r = validateWidgetInit({ flow: 'apply', customer_identification: {} });
    if (r.ok) throw new Error('expected errors');
    const fields = r.fieldErrors.map((f) => formFieldForWireParam(f.param));
    expect(fields).toEqual(
      expect.arrayContaining([
        'firstName',
        'lastName',
        'dateOfBirth',
        'postalCode',
        'email',
        'mobile',
        'address1',
        'city',
        'province',
        'agreeToTerms',
      ]),
    );
    expect(formFieldForWireParam('customer_identification.vcc_number')).toBe('cardNumber');
    expect(formFieldForWireParam('x-reference-id')).toBeUndefined();
  });
});
