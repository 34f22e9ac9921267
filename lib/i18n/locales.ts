/** The storefront's languages (isomorphic: used by the request config, actions and tests). */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The cookie that remembers the customer's choice (also saved on their record when signed in). */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** Canadian formatting for money and dates: the store sells in CAD to Canadian customers. */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-CA', fr: 'fr-CA' };

/** The Intl tag for a store locale (anything else formats as English Canada). */
export function intlLocale(locale: string): string {
  return isLocale(locale) ? INTL_LOCALE[locale] : INTL_LOCALE[DEFAULT_LOCALE];
}

/**
 * The request header proxy.ts sets for pages that speak one language whatever the customer chose;
 * it is removed from every incoming request first, so only the proxy can set it.
 */
export const FIXED_LOCALE_HEADER = 'x-storefront-fixed-locale';

/**
 * English-only areas: the ops console, the sales demo tour and the partner simulators. The
 * sandbox Flexiti widget is the exception: it speaks its own `lang` (English or French).
 */
const ENGLISH_ONLY = ['/ops', '/demo', '/sandbox'];
const OWN_LANGUAGE = '/sandbox/flexiti/widget/';

const under = (pathname: string, base: string) => pathname === base || pathname.startsWith(`${base}/`);

/** The language a path always renders in, or null for the store's pages (the customer's choice). */
export function fixedLocaleFor(pathname: string): Locale | null {
  if (pathname.startsWith(OWN_LANGUAGE)) return null;
  return ENGLISH_ONLY.some((base) => under(pathname, base)) ? 'en' : null;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The best supported language in an `Accept-Language` header (RFC 9110 section 12.5.4: by weight, then
 * order; `fr-CA` matches `fr`). Unparseable parts are skipped; nothing usable → the default.
 */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', weight, index };
    })
    .filter((r) => r.lang && Number.isFinite(r.weight) && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.map((r) => r.lang).find(isLocale) ?? DEFAULT_LOCALE;
}
