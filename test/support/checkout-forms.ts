import { parseCheckoutForm, type CheckoutForm } from '@/lib/orders/browser';

/**
 * Checkout form inputs shared by the form's own test (lib/orders/checkout/form-schema.test.ts) and
 * the Flexiti wire mapping's (lib/partners/flexiti/form-wire.test.ts): every rule of the form with
 * a passing and a failing input, so the wire test can send every passing one to the sandbox.
 */

export const apply = (patch: Record<string, unknown> = {}) => ({
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
export const byPerson = (patch: Record<string, unknown> = {}) => ({
  flow: 'purchase',
  identifyBy: 'personal',
  firstName: 'Priya',
  lastName: 'Sharma',
  dateOfBirth: '1990-04-12',
  postalCode: 'M5V2T6',
  ...patch,
});

/** The fields an empty apply form is refused on: every required one. */
export const applyRequiredFields = [
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
] as const;

// [rule, passing input, failing input, field]
export const rules: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
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

/** A form the schema accepts, parsed; throws on one it refuses. */
export const ok = (input: Record<string, unknown>): CheckoutForm => {
  const r = parseCheckoutForm(input);
  if (!r.success) throw new Error(`expected valid: ${JSON.stringify(r.fieldErrors)}`);
  return r.data;
};
