import { z } from 'zod';

/**
 * Our order ids: `SP-` + 10 upper-case base32 characters (no 0, 1, I or O, so a customer can read
 * one to support). Short enough for Flexiti's `reference` (ASCII 40,
 * docs/partners/flexiti.md#authorization). Isomorphic: the browser parses with the same schema.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 10;

export function newOrderId(): string {
  // 256 is a multiple of 32, so `b % 32` keeps every character equally likely.
  const bytes = crypto.getRandomValues(new Uint8Array(LENGTH));
  return `SP-${Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

/** The one order-id check (pages, actions, route input): exactly what `newOrderId` produces. */
export const orderIdSchema = z.string().regex(new RegExp(`^SP-[${ALPHABET}]{${LENGTH}}$`), 'Not an order id');
