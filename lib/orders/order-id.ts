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

/**
 * The order id as a customer reads it to support: `SP-ABCDE-FGHJK`, two groups of five. Ops
 * search takes it back in any spacing (`orderIdFromSpoken`).
 */
export function spokenOrderId(id: string): string {
  const body = id.slice(3);
  return `SP-${body.slice(0, 5)}-${body.slice(5)}`;
}

/** An order id read back from a customer: `sp abcde fghjk`, `SP-ABCDE-FGHJK`…, or null. */
export function orderIdFromSpoken(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s-]/g, '');
  const id = compact.startsWith('SP') ? `SP-${compact.slice(2)}` : null;
  return id && orderIdSchema.safeParse(id).success ? id : null;
}
