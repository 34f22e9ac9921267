import { z } from 'zod';
import { validationMessage, type ValidationKey } from '@/lib/i18n/validation-message';

/**
 * The Flexiti checkout forms, with app-level field names, validated by the same
 * schema in the browser and on the server, and mapped here to the widget/init wire body. The
 * rules match docs/partners/flexiti.md#widget-fields (the sandbox enforces them
 * independently; lib/partners/flexiti/checkout-schema.test.ts checks the two agree). Isomorphic:
 * no server imports. Its messages are keys of the CheckoutValidation messages, rendered in the
 * customer's language where they are shown (lib/i18n/validation-message.ts).
 */

export const FLEXITI_PROVINCES = [
  'AB',
  'BC',
  'MB',
  'NB',
  'NL',
  'NS',
  'NT',
  'NU',
  'ON',
  'PE',
  'QC',
  'SK',
  'YT',
] as const;

const ASCII_RE = /^[\x20-\x7E]*$/;
const ASCII_MSG = validationMessage('asciiOnly');
const tooLong = (max: number) => validationMessage('tooLong', { max });

const text = (required: ValidationKey, max: number) =>
  z
    .string({ error: validationMessage(required) })
    .trim()
    .min(1, validationMessage(required))
    .max(max, tooLong(max))
    .regex(ASCII_RE, ASCII_MSG);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, tooLong(max))
    .regex(ASCII_RE, ASCII_MSG)
    .optional()
    .transform((v) => (v ? v : undefined));

const isRealDate = (s: string) => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const dateOfBirth = z
  .string({ error: validationMessage('enterDateOfBirth') })
  .trim()
  .min(1, validationMessage('enterDateOfBirth'))
  .regex(/^\d{4}-\d{2}-\d{2}$/, validationMessage('dateFormat'))
  .refine(isRealDate, validationMessage('realDate'))
  .refine((s) => s >= '1900-01-01' && s < new Date().toISOString().slice(0, 10), validationMessage('pastDate'));

// Canadian postal code (Flexiti is Canadian financing): A1A 1A1, spaces optional.
const postalCode = z
  .string({ error: validationMessage('enterPostalCode') })
  .trim()
  .min(1, validationMessage('enterPostalCode'))
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .refine((v) => /^[A-Z]\d[A-Z]\d[A-Z]\d$/.test(v), validationMessage('postalCodeFormat'));

const accountNumber = z
  .string({ error: validationMessage('enterAccountNumber') })
  .transform((v) => v.replace(/[\s-]/g, ''))
  .refine((v) => v.length > 0, validationMessage('enterAccountNumber'))
  .refine((v) => /^\d{1,14}$/.test(v), validationMessage('accountNumberFormat'));

const cardNumber = z
  .string({ error: validationMessage('enterCardNumber') })
  .transform((v) => v.replace(/[\s-]/g, ''))
  .refine((v) => v.length > 0, validationMessage('enterCardNumber'))
  .refine((v) => /^\d{16}$/.test(v), validationMessage('cardNumberFormat'));

// 10 digits (docs/partners/flexiti.md#widget-fields `phone_number` number (10)); a leading +1 / 1 country code is dropped.
const mobile = z
  .string({ error: validationMessage('enterMobile') })
  .transform((v) => v.replace(/[\s().-]/g, '').replace(/^\+?1(?=\d{10}$)/, ''))
  .refine((v) => v.length > 0, validationMessage('enterMobile'))
  .refine((v) => /^\d{10}$/.test(v), validationMessage('mobileFormat'))
  // Sent as a number: a leading 0 would be lost (North American numbers start with 2-9).
  .refine((v) => !/^\d{10}$/.test(v) || /^[2-9]/.test(v), validationMessage('mobileFirstDigit'));

const email = z
  .string({ error: validationMessage('enterEmail') })
  .trim()
  .min(1, validationMessage('enterEmail'))
  .max(100, tooLong(100))
  .regex(ASCII_RE, ASCII_MSG)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, validationMessage('emailFormat'));

const lang = z.enum(['en', 'fr']).default('en');

// Browsers send a checkbox as "on"; the server action may pass a boolean.
const agreement = z.preprocess(
  (v) => v === true || v === 'on' || v === 'true',
  z.literal(true, { error: validationMessage('acceptAgreement') }),
);

export const personalInformationFields = {
  firstName: text('enterFirstName', 80),
  lastName: text('enterLastName', 130),
  dateOfBirth,
  postalCode,
};

/** "Use my Flexiti account": one of account number, card number or personal information. */
export const flexitiPurchaseFormSchema = z.discriminatedUnion('identifyBy', [
  z.object({ flow: z.literal('purchase'), lang, identifyBy: z.literal('account'), accountNumber }),
  z.object({ flow: z.literal('purchase'), lang, identifyBy: z.literal('card'), cardNumber }),
  z.object({ flow: z.literal('purchase'), lang, identifyBy: z.literal('personal'), ...personalInformationFields }),
]);

/** "Apply for Flexiti financing". */
export const flexitiApplyFormSchema = z.object({
  flow: z.literal('apply'),
  lang,
  ...personalInformationFields,
  email,
  mobile,
  address1: text('enterAddress1', 250),
  address2: optionalText(100),
  city: text('enterCity', 100),
  province: z.enum(FLEXITI_PROVINCES, { error: validationMessage('chooseProvince') }),
  accountType: z.enum(['consumer', 'business']).default('consumer'),
  agreeToTerms: agreement,
});

export type FlexitiPurchaseForm = z.infer<typeof flexitiPurchaseFormSchema>;
export type FlexitiApplyForm = z.infer<typeof flexitiApplyFormSchema>;
export type FlexitiCheckoutForm = FlexitiPurchaseForm | FlexitiApplyForm;

/** Parses either form by its `flow` field, so errors name the fields of that form only. */
export function parseFlexitiCheckoutForm(
  input: Record<string, unknown>,
): { success: true; data: FlexitiCheckoutForm } | { success: false; fieldErrors: Record<string, string> } {
  const schema = input.flow === 'apply' ? flexitiApplyFormSchema : flexitiPurchaseFormSchema;
  const r = schema.safeParse({ flow: 'purchase', ...input });
  if (r.success) return { success: true, data: r.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : 'form';
    fieldErrors[key] ??= issue.message;
  }
  return { success: false, fieldErrors };
}

/** App field for a wire `field_errors[].param`, to show a partner's `wrong_inputs` inline. */
export function formFieldForWireParam(param: string): string | undefined {
  const last = param.split('.').pop() ?? param;
  const map: Record<string, string> = {
    account_number: 'accountNumber',
    vcc_number: 'cardNumber',
    first_name: 'firstName',
    last_name: 'lastName',
    dob: 'dateOfBirth',
    postal_code: 'postalCode',
    email: 'email',
    phone_number: 'mobile',
    address_1: 'address1',
    address_2: 'address2',
    city: 'city',
    province: 'province',
    tos_agreement: 'agreeToTerms',
    account_type: 'accountType',
    lang: 'lang',
  };
  return map[last];
}

type PersonalWire = { first_name: string; last_name: string; dob: string; postal_code: string };
const personalWire = (f: { firstName: string; lastName: string; dateOfBirth: string; postalCode: string }) =>
  ({
    first_name: f.firstName,
    last_name: f.lastName,
    dob: f.dateOfBirth,
    postal_code: f.postalCode,
  }) satisfies PersonalWire;

/** The widget/init body (docs/partners/flexiti.md#widget-fields; account_type in customer_identification per docs/partners/flexiti.md#widget-fields). */
export function toWidgetInitBody(form: FlexitiCheckoutForm): Record<string, unknown> {
  if (form.flow === 'purchase') {
    const customer_identification =
      form.identifyBy === 'account'
        ? { account_number: Number(form.accountNumber) }
        : form.identifyBy === 'card'
          ? { vcc_number: form.cardNumber }
          : { personal_information: personalWire(form) };
    return { flow: 'purchase', lang: form.lang, customer_identification };
  }
  return {
    flow: 'apply',
    lang: form.lang,
    customer_identification: { account_type: form.accountType, personal_information: personalWire(form) },
    email: form.email,
    phone_number: Number(form.mobile),
    address_1: form.address1,
    ...(form.address2 ? { address_2: form.address2 } : {}),
    city: form.city,
    province: form.province,
    tos_agreement: form.agreeToTerms,
  };
}

/**
 * The `/apply` body. Not published (docs/partners/flexiti.md#apply): the same fields as widget/init plus
 * `widget_session_id` [inferred], which is what the sandbox expects.
 */
export function toApplyBody(form: FlexitiApplyForm, widgetSessionId: string): Record<string, unknown> {
  const {
    flow: _flow,
    lang: _lang,
    ...body
  } = toWidgetInitBody(form) as Record<string, unknown> & {
    flow: string;
    lang: string;
  };
  return { ...body, widget_session_id: widgetSessionId };
}
