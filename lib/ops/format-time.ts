/**
 * Times in the ops console: always UTC, always saying so, so two people on a support call read
 * the same moment (the customer-facing pages use the customer's own zone instead).
 */
export function formatUtc(d: Date, precision: 'minute' | 'second' = 'second'): string {
  const iso = d.toISOString();
  return `${iso.slice(0, precision === 'minute' ? 16 : 19).replace('T', ' ')} UTC`;
}
