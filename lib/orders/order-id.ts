import { randomBytes } from 'node:crypto';

/**
 * Our order ids: `SP-` + 10 upper-case base32 characters. Short enough for Flexiti's
 * `reference` (ASCII 40, docs/partners/flexiti.md#authorization) and for a customer to read to support.
 */
export function newOrderId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(10);
  return `SP-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')}`;
}
