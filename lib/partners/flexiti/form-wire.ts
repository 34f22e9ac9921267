/**
 * The customer's checkout form in Flexiti's words: the widget/init and /apply bodies
 * (docs/partners/flexiti.md#widget-fields, #apply), and the way back from a wire field to a form
 * field. The form itself, and its rules in the customer's words, are the store's
 * (lib/orders/checkout/form-schema.ts); the types below are what this mapping reads, which every
 * form that schema accepts satisfies (lib/orders/checkout/start.ts passes one to `initWidget`).
 * Isomorphic: no server imports.
 */

/** The provinces and territories Flexiti takes (`province`, 2 letters). */
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

interface PersonalInformation {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  postalCode: string;
}
type Lang = 'en' | 'fr';

/** "Use my Flexiti account": the customer identified by one of account number, card or personal information. */
export type FlexitiPurchaseForm = { flow: 'purchase'; lang: Lang } & (
  | { identifyBy: 'account'; accountNumber: string }
  | { identifyBy: 'card'; cardNumber: string }
  | ({ identifyBy: 'personal' } & PersonalInformation)
);

/** "Apply for Flexiti financing". */
export interface FlexitiApplyForm extends PersonalInformation {
  flow: 'apply';
  lang: Lang;
  email: string;
  mobile: string;
  address1: string;
  address2?: string;
  city: string;
  province: (typeof FLEXITI_PROVINCES)[number];
  accountType: 'consumer' | 'business';
  agreeToTerms: true;
}

export type FlexitiCheckoutForm = FlexitiPurchaseForm | FlexitiApplyForm;

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
const personalWire = (f: PersonalInformation) =>
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
