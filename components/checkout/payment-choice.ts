import type { Draft } from './checkout-fields';

/**
 * How the customer pays through Flexiti: `purchase` with an account they hold, or `apply` for new
 * credit (the server's `flow`).
 */
export type PaymentChoice = 'purchase' | 'apply';

export const PAYMENT_CHOICES = [
  { value: 'purchase', title: 'routePurchase', blurb: 'routePurchaseBlurb' },
  { value: 'apply', title: 'routeApply', blurb: 'routeApplyBlurb' },
] as const;

export const paymentChoiceTitleKey = (c: PaymentChoice) => PAYMENT_CHOICES.find((x) => x.value === c)!.title;

/** The draft as the server action's input: only the chosen path's fields. */
export function toCheckoutInput(productSlug: string, choice: PaymentChoice, d: Draft) {
  const personal = {
    firstName: d.firstName,
    lastName: d.lastName,
    dateOfBirth: d.dateOfBirth,
    postalCode: d.postalCode,
  };
  if (choice === 'purchase') {
    const id =
      d.identifyBy === 'account'
        ? { accountNumber: d.accountNumber }
        : d.identifyBy === 'card'
          ? { cardNumber: d.cardNumber }
          : personal;
    return { productSlug, flow: 'purchase' as const, lang: d.lang, identifyBy: d.identifyBy, ...id };
  }
  return {
    productSlug,
    flow: 'apply' as const,
    lang: d.lang,
    ...personal,
    email: d.email,
    mobile: d.mobile,
    address1: d.address1,
    address2: d.address2,
    city: d.city,
    province: d.province,
    agreeToTerms: d.agreeToTerms,
  };
}
