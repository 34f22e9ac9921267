import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from './locales';

/**
 * The words of app/error.tsx and app/global-error.tsx, in each store language. They are here and
 * not in messages/*.json because those pages are client components that must render when the
 * server could not (global-error replaces the root layout, so no request config and no
 * messages): this small table ships in their bundle instead of both message files.
 */
export type ErrorCopy = { title: string; text: string; retry: string; home: string; reference: string };

export const ERROR_COPY: Record<Locale, ErrorCopy> = {
  en: {
    title: 'Something went wrong',
    text: 'This page could not be shown. Nothing was charged by this error. Try again, or go back to the store.',
    retry: 'Try again',
    home: 'Back to the store',
    reference: 'Reference',
  },
  fr: {
    title: 'Un problème est survenu',
    text: 'Cette page n’a pas pu s’afficher. Cette erreur n’a rien débité. Réessayez ou revenez à la boutique.',
    retry: 'Réessayer',
    home: 'Retour à la boutique',
    reference: 'Référence',
  },
};

/**
 * The language of the page in the browser: the `lang` the root layout wrote (lib/i18n/locale.ts
 * chose it), else the remembered choice (cookie), else the browser's languages.
 */
export function browserLocale(doc: Document = document, nav: Navigator = navigator): Locale {
  const lang = doc.documentElement.lang;
  if (isLocale(lang)) return lang;
  const cookie = doc.cookie
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  if (isLocale(cookie)) return cookie;
  return negotiateLocale(nav.languages?.join(',') ?? nav.language) ?? DEFAULT_LOCALE;
}
