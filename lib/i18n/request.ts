import { getRequestConfig } from 'next-intl/server';
import { resolveLocale } from './locale';

/**
 * next-intl's per-request configuration (wired in next.config.js). No URL prefixes: the language
 * comes from the customer's remembered choice (cookie), else the browser's Accept-Language.
 * Times default to UTC on the server; the browser shows them in the customer's own zone
 * (components/ui/local-time.tsx).
 */
export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return {
    locale,
    timeZone: 'UTC',
    messages: (await import(`./messages/${locale}.json`)).default,
  };
});
