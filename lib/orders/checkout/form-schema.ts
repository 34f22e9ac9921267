import { z } from 'zod';
import { validationMessage, type ValidationKey } from '@/lib/i18n/validation-message';
import { FLEXITI_PROVINCES } from '@/lib/partners/flexiti/browser';

/**
 * The store's checkout forms, validated by the same schema in the browser (before anything is
 * sent) and on the server. Flexiti is the one way to pay, so the fields are what its widget needs
 * (docs/partners/flexiti.md#widget-fields); lib/partners/flexiti/form-wire.ts maps a parsed form to
 * Flexiti's wire, and lib/orders/checkout/form-schema.test.ts checks that every form accepted
 * here the sandbox accepts too. Isomorphic: no server imports. Its messages are keys of the
 * CheckoutValidation messages, rendered in the customer's language where they are shown
 * (lib/i18n/validation-message.ts).
 */

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

const personalInformationFields = {
  firstName: text('enterFirstName', 80),
  lastName: text('enterLastName', 130),
  dateOfBirth,
  postalCode,
};

/** "Use my Flexiti account": one of account number, card number or personal information. */
export const purchaseFormSchema = z.discriminatedUnion('identifyBy', [
  z.object({ flow: z.literal('purchase'), lang, identifyBy: z.literal('account'), accountNumber }),
  z.object({ flow: z.literal('purchase'), lang, identifyBy: z.literal('card'), cardNumber }),
  z.object({ flow: z.literal('purchase'), lang, identifyBy: z.literal('personal'), ...personalInformationFields }),
]);

/** "Apply for Flexiti financing". */
export const applyFormSchema = z.object({
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

export type PurchaseForm = z.infer<typeof purchaseFormSchema>;
export type ApplyForm = z.infer<typeof applyFormSchema>;
export type CheckoutForm = PurchaseForm | ApplyForm;

/** Parses either form by its `flow` field, so errors name the fields of that form only. */
export function parseCheckoutForm(
  input: Record<string, unknown>,
): { success: true; data: CheckoutForm } | { success: false; fieldErrors: Record<string, string> } {
  const schema = input.flow === 'apply' ? applyFormSchema : purchaseFormSchema;
  const r = schema.safeParse({ flow: 'purchase', ...input });
  if (r.success) return { success: true, data: r.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : 'form';
    fieldErrors[key] ??= issue.message;
  }
  return { success: false, fieldErrors };
}
