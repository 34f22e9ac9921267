import 'server-only';
import { cookies, headers } from 'next/headers';
import { FIXED_LOCALE_HEADER, isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from './locales';

/**
 * The request's language: a page's own fixed language (the English-only ops console, set by
 * proxy.ts), else the remembered choice (cookie), else Accept-Language, else English.
 */
export async function resolveLocale(): Promise<Locale> {
  const requestHeaders = await headers();
  const fixed = requestHeaders.get(FIXED_LOCALE_HEADER);
  if (isLocale(fixed)) return fixed;
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale(requestHeaders.get('accept-language'));
}

/** Remembers the choice for a year; readable by nothing but the server (no script needs it). */
export async function rememberLocaleCookie(locale: Locale): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: 365 * 24 * 60 * 60,
    sameSite: 'lax',
    httpOnly: true,
  });
}
