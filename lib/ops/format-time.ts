/**
 * Times in the ops console: always UTC, always saying so, so two people on a support call read
 * the same moment (the customer-facing pages use the customer's own zone instead).
 */
export function formatUtc(d: Date, precision: 'minute' | 'second' = 'second'): string {
  const iso = d.toISOString();
  return `${iso.slice(0, precision === 'minute' ? 16 : 19).replace('T', ' ')} UTC`;
}

/** How long before `now` (`just now`, `42 s ago`, `5 min ago`, `3 h ago`, `2 d ago`), for scanning a log. */
export function formatAgo(d: Date, now: Date): string {
  const s = Math.round((now.getTime() - d.getTime()) / 1000);
  if (s < 0) return 'in the future';
  if (s < 5) return 'just now';
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}
