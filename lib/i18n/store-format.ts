import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import type { Product } from '@/lib/catalog/queries';
import { formatMoney } from '@/lib/money';
import { intlLocale, type Locale } from './locales';

/** Money and billing periods as the customer reads them, in the request's language. */
export async function getStoreFormat() {
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations('Money');
  const tag = intlLocale(locale);
  return {
    locale,
    money: (cents: number, currency: string) => formatMoney(cents, currency, tag),
    period: (billing: 'month' | 'year') => t(billing),
  };
}

type CopyLookup = { (key: string): string; has(key: string): boolean; raw(key: string): unknown };

/**
 * A product's copy in the request's language: the catalog's own text is English; the messages
 * carry the French for each seeded product, and a product without messages keeps its catalog text.
 */
export async function localizeProducts<P extends Product>(items: P[]): Promise<P[]> {
  // Product keys exist in some languages only, so they are looked up untyped.
  const t = (await getTranslations()) as unknown as CopyLookup;
  return items.map((p) => {
    const key = `Products.${p.slug}`;
    if (!t.has(`${key}.tagline`)) return p;
    return {
      ...p,
      tagline: t(`${key}.tagline`),
      description: t(`${key}.description`),
      features: t.raw(`${key}.features`) as string[],
    };
  });
}

export async function localizeProduct<P extends Product>(product: P): Promise<P> {
  return (await localizeProducts([product]))[0]!;
}
