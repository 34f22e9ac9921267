/**
 * A Flexiti account number where nobody needs all of it (order events, the ops order page): the
 * last four digits, enough to tell two accounts apart on a support call. The order row keeps the
 * whole number, which reconciliation needs (lib/orders/payment/reconcile.ts).
 */
export function maskAccountNumber(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const s = String(value);
  return s.length > 4 ? `••••${s.slice(-4)}` : '••••';
}
