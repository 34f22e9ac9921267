/** Formats minor units (cents) for display, e.g. 1499, 'CAD' → "$14.99". */
export function formatMoney(cents: number, currency: string, locale = 'en-CA'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

/** Minor units to the partner wire's decimal amount (Flexiti number(18,2), OMS double). */
export function centsToAmount(cents: number): number {
  return Math.round(cents) / 100;
}
