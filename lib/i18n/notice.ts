import { createTranslator } from 'next-intl';
import en from './messages/en.json';

/**
 * A message for the customer from server code that has no request language (lib/orders): its
 * key and values, rendered in the customer's language at the edge (the server action), and its
 * English text for what is stored and logged (the order's failure reason, ops).
 */
export type NoticeKey = keyof typeof en.CheckoutNotice;
export type Notice = { key: NoticeKey; values?: Record<string, string> };

const english = createTranslator({ locale: 'en', messages: en, namespace: 'CheckoutNotice' });

export function notice(key: NoticeKey, values?: Record<string, string>): { message: string; notice: Notice } {
  return { message: english(key, values), notice: values ? { key, values } : { key } };
}
