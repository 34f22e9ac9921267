import { z } from 'zod';

/**
 * The Flexiti field rules the sandbox enforces, written from the contract independently of the
 * store's form schema (lib/orders/checkout/form-schema.ts) so a test can catch the two
 * drifting apart. Every rule answers 409 `wrong_inputs` with one `field_errors` entry per bad field
 * (docs/partners/flexiti.md#widget-fields, #error-model), named by its dotted wire path.
 */

export interface FieldError {
  param: string;
  msg: string;
}

export const PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;

// "ASCII string (n)" in every Flexiti field table: printable ASCII only.
const ASCII_RE = /^[\x20-\x7E]*$/;

export const ascii = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(ASCII_RE, 'must contain ASCII characters only (no accents or symbols)');

/** `number (n)` fields: a JSON number or a string of digits. */
const digits = (min: number, max: number, what: string) =>
  z.preprocess(
    (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : v),
    z.string({ error: `must be ${what}` }).regex(new RegExp(`^\\d{${min},${max}}$`), `must be ${what}`),
  );

/** True when `s` is a real calendar date written YYYY-MM-DD. */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const dob = z
  .string({ error: 'must be a date YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isRealDate, 'must be a real calendar date')
  .refine((s) => s >= '1900-01-01' && s <= new Date().toISOString().slice(0, 10), 'must be a date in the past');

const accountType = z.enum(['consumer', 'business'], { error: 'must be "consumer" or "business"' });

const personalInformation = z.object(
  {
    first_name: ascii(80).optional(),
    last_name: ascii(130).optional(),
    dob: dob.optional(),
    postal_code: ascii(10).optional(),
  },
  { error: 'must be an object' },
);

export const widgetInitBodySchema = z.object(
  {
    flow: z.enum(['apply', 'purchase'], { error: 'must be "apply" or "purchase"' }).optional(),
    customer_identification: z
      .object(
        {
          account_number: digits(1, 14, 'a number of up to 14 digits').optional(),
          vcc_number: digits(16, 16, 'the 16-digit FlexitiCard number').optional(),
          personal_information: personalInformation.optional(),
          account_type: accountType.optional(),
        },
        { error: 'must be an object' },
      )
      .optional(),
    // docs/partners/flexiti.md#widget-fields: older versions put account_type at the top level; accept either.
    account_type: accountType.optional(),
    lang: z.enum(['en', 'fr'], { error: 'must be "en" or "fr"' }).optional(),
    tos_agreement: z.boolean({ error: 'must be true or false' }).optional(),
    email: ascii(100)
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address')
      .optional(),
    phone_number: digits(10, 10, 'a 10-digit mobile number').optional(),
    address_1: ascii(250).optional(),
    address_2: ascii(100).optional(),
    city: ascii(100).optional(),
    province: z.enum(PROVINCES, { error: `must be one of ${PROVINCES.join(', ')}` }).optional(),
  },
  { error: 'must be a JSON object' },
);

export type WidgetInitBody = z.infer<typeof widgetInitBodySchema>;

export const PERSONAL_FIELDS = ['first_name', 'last_name', 'dob', 'postal_code'] as const;
const APPLY_FIELDS = ['email', 'phone_number', 'address_1', 'city', 'province'] as const;

const present = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');

/** Converts zod issues to Flexiti `field_errors`, one entry per field (messages joined). */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldError[] {
  return issues.map((i) => ({ param: prefix + (i.path.length ? i.path.join('.') : 'body'), msg: i.message }));
}

export function mergeFieldErrors(errors: FieldError[]): FieldError[] {
  const byParam = new Map<string, string[]>();
  for (const e of errors) {
    const msgs = byParam.get(e.param) ?? [];
    if (!msgs.includes(e.msg)) msgs.push(e.msg);
    byParam.set(e.param, msgs);
  }
  return [...byParam].map(([param, msgs]) => ({ param, msg: msgs.join('; ') }));
}

/**
 * docs/partners/flexiti.md#widget-fields: format rules for every field given, plus the required-when rules, which run on
 * the raw body so a body with format errors still gets every missing field named.
 */
export function validateWidgetInit(
  raw: unknown,
): { ok: true; body: WidgetInitBody & { flow: 'apply' | 'purchase' } } | { ok: false; fieldErrors: FieldError[] } {
  const parsed = widgetInitBodySchema.safeParse(raw);
  const errors: FieldError[] = parsed.success ? [] : toFieldErrors(parsed.error.issues);
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const ci = (
    obj.customer_identification && typeof obj.customer_identification === 'object' ? obj.customer_identification : {}
  ) as Record<string, unknown>;
  const pi = (
    ci.personal_information && typeof ci.personal_information === 'object' ? ci.personal_information : {}
  ) as Record<string, unknown>;
  const missing = (param: string, why: string) => errors.push({ param, msg: `is required ${why}` });

  if (!present(obj.flow)) missing('flow', 'and must be "apply" or "purchase"');
  const personalPath = 'customer_identification.personal_information';
  if (obj.flow === 'apply') {
    for (const f of PERSONAL_FIELDS) if (!present(pi[f])) missing(`${personalPath}.${f}`, 'when flow is apply');
    for (const f of APPLY_FIELDS) if (!present(obj[f])) missing(f, 'when flow is apply');
    if (obj.tos_agreement !== true && (obj.tos_agreement === undefined || typeof obj.tos_agreement === 'boolean')) {
      errors.push({ param: 'tos_agreement', msg: 'must be true when flow is apply (Cardholder Agreement)' });
    }
  } else if (obj.flow === 'purchase') {
    // "Conditional mandatory": one of account number, card number or complete personal information.
    const hasPersonal = PERSONAL_FIELDS.some((f) => present(pi[f]));
    if (!present(ci.account_number) && !present(ci.vcc_number)) {
      if (!hasPersonal) {
        errors.push({
          param: 'customer_identification',
          msg: 'needs account_number, vcc_number or personal_information when flow is purchase',
        });
      } else {
        for (const f of PERSONAL_FIELDS) {
          if (!present(pi[f]))
            missing(`${personalPath}.${f}`, 'when purchase identifies the customer by personal information');
        }
      }
    }
  }
  if (errors.length || !parsed.success) return { ok: false, fieldErrors: mergeFieldErrors(errors) };
  return { ok: true, body: parsed.data as WidgetInitBody & { flow: 'apply' | 'purchase' } };
}

/** docs/partners/flexiti.md#reference-id: `x-reference-id` is 32 hex or a hyphenated UUID. */
export function isReferenceId(v: string | null): boolean {
  return !!v && (/^[0-9a-fA-F]{32}$/.test(v) || /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/.test(v));
}

/** `number (18,2)` amounts: positive, at most two decimals. Returns cents. */
export const amount = z
  .number({ error: 'must be a number with at most two decimals' })
  .positive('must be greater than 0')
  .max(9_999_999_999_999_999, 'must have at most 16 digits before the decimal point')
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'must have at most two decimals')
  .transform((n) => Math.round(n * 100));

const skuData = z.record(z.string(), z.unknown(), { error: 'must be an object' });

// docs/partners/flexiti.md#authorization "Purchase / authorization" field table; widget_session_id per the error text.
export const authorizationBodySchema = z.object(
  {
    account_number: digits(1, 14, 'a number of up to 14 digits'),
    vcc_number: digits(16, 16, 'the 16-digit FlexitiCard number').optional(),
    reference: ascii(40).optional(),
    financing_option: z.object(
      {
        transaction_type: z.enum(['promotional_purchase', 'regular_purchase'], {
          error: 'must be "promotional_purchase" or "regular_purchase"',
        }),
        plan_id: z.union([ascii(50), z.number().int().positive()]).optional(),
        term: z.union([ascii(10), z.number().int().positive()]).optional(),
      },
      { error: 'is required: an object with transaction_type' },
    ),
    amount,
    auto_capture: z.boolean({ error: 'is required: true or false' }),
    widget_session_id: ascii(36).optional(),
    verification_code: z.unknown().optional(),
    sku_data: skuData.optional(),
  },
  { error: 'must be a JSON object' },
);

export const captureBodySchema = z.object(
  { reference: ascii(40).optional(), amount, sku_data: skuData.optional() },
  { error: 'must be a JSON object' },
);

export const returnBodySchema = z
  .object(
    {
      reference: ascii(40).optional(),
      vcc_number: digits(16, 16, 'the 16-digit FlexitiCard number').optional(),
      full_return: z.boolean({ error: 'must be true or false' }).optional(),
      amount: amount.optional(),
      sku_data: skuData.optional(),
    },
    { error: 'must be a JSON object' },
  )
  .refine((b) => b.full_return === true || b.amount !== undefined, {
    path: ['amount'],
    message: 'is required unless full_return is true',
  });

export const applyBodySchema = widgetInitBodySchema
  .omit({ flow: true, lang: true })
  .extend({ widget_session_id: ascii(36) });

export const listQuerySchema = z.object({
  account_number: digits(1, 14, 'a number of up to 14 digits').optional(),
  transaction_type: z.enum(['promotional_purchase', 'regular_purchase']).optional(),
  authorization_status: z.enum(['opened', 'captured', 'released']).optional(),
  creation_date_from: z.string().refine(isRealDate, 'must be a date YYYY-MM-DD').optional(),
  creation_date_to: z.string().refine(isRealDate, 'must be a date YYYY-MM-DD').optional(),
  page_number: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
  page_size: z.coerce.number().int('must be a whole number').min(1).max(100, 'must be at most 100').optional(),
});
