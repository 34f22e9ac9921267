import { getLocale, getTranslations } from 'next-intl/server';
import { setLocaleAction } from './actions';
import { type Locale } from '@/lib/i18n/locales';

/**
 * English ⇄ French: a plain form (works before hydration), so the choice is a server round trip
 * that sets the cookie and the customer's record, then the page renders in the new language.
 */
export async function LanguageSwitch() {
  const t = await getTranslations('Layout');
  const other: Locale = (await getLocale()) === 'fr' ? 'en' : 'fr';
  return (
    <form action={setLocaleAction}>
      <input type="hidden" name="locale" value={other} />
      <button
        type="submit"
        lang={other}
        data-testid="language-switch"
        className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-2 text-sm font-semibold text-brand-700 hover:bg-brand-50"
      >
        <span aria-hidden className="sm:hidden">
          {other.toUpperCase()}
        </span>
        <span className="sr-only sm:not-sr-only">{t('switchTo')}</span>
      </button>
    </form>
  );
}
