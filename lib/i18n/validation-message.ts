import type en from './messages/en.json';

/**
 * Form validation messages in the customer's language. A zod schema shared by the browser and a
 * server action cannot know the request's language, so its messages are keys of the
 * CheckoutValidation messages (with their values after `?`, as in `tooLong?max=80`); whoever
 * shows them (the checkout in the browser, the server action answering it) renders them with
 * next-intl. Isomorphic and free of next-intl itself: the caller passes its translator.
 */
export type ValidationKey = keyof typeof en.CheckoutValidation;
type Values = Record<string, number>;

export function validationMessage(key: ValidationKey, values?: Values): string {
  if (!values) return key;
  const query = new URLSearchParams(Object.entries(values).map(([k, v]) => [k, String(v)]));
  return `${key}?${query}`;
}

/** The parts of what the schema said: a key (maybe not one of ours) and its values. */
function parse(message: string): { key: string; values?: Values } {
  const at = message.indexOf('?');
  if (at < 0) return { key: message };
  const values: Values = {};
  for (const [k, v] of new URLSearchParams(message.slice(at + 1))) values[k] = Number(v);
  return { key: message.slice(0, at), values };
}

/** A translator of the CheckoutValidation namespace (useTranslations or getTranslations). */
export type ValidationTranslator = {
  (key: ValidationKey, values?: Values): string;
  has(key: ValidationKey): boolean;
};

/**
 * Each field's message in the translator's language. Anything that is not one of our keys (a
 * partner's own `Flexiti: …` field message, zod's default for a forged value) is shown as it is.
 */
export function localiseFieldErrors(
  fieldErrors: Record<string, string>,
  t: ValidationTranslator,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors)) {
    const { key, values } = parse(message);
    out[field] = /^\w+$/.test(key) && t.has(key as ValidationKey) ? t(key as ValidationKey, values) : message;
  }
  return out;
}
