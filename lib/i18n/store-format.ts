import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import type { Product } from '@/lib/catalog/queries';
import { formatMoney } from '@/lib/money';
import { intlLocale, type Locale } from './locales';

/**
 * Money and what it buys as the customer reads them, in the request's language: a price is one
 * payment for one period ("$14.99 for 30 days"), never a rate ("/month"): nothing renews, and a
 * period is 30 or 365 days (docs/refund-policy.md, lib/orders/money-policy.ts).
 */
type Term = 'month' | 'year';
export async function getStoreFormat() {
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations('Term');
  const tag = intlLocale(locale);
  const money = (cents: number, currency: string) => formatMoney(cents, currency, tag);
  return {
    locale,
    money,
    /** "$14.99 for 30 days" */
    price: (cents: number, currency: string, term: Term) => t('price', { amount: money(cents, currency), term }),
    /** "30 days of Premium" */
    access: (product: string, term: Term) => t('access', { product, term }),
  };
}

type CopyLookup = { (key: string): string; has(key: string): boolean; raw(key: string): unknown };

// Product keys exist in some languages only, so they are looked up untyped.
const productCopy = async () => (await getTranslations()) as unknown as CopyLookup;

/**
 * Product names in the request's language. The tier names (Mobile, Super, Premium) are brand
 * names, the same in both languages; a descriptive name ("Premium Annual", "Live Sports") has
 * its translation in the messages (`Products.<slug>.name`).
 */
export async function getProductNamer(): Promise<(p: { slug: string; name: string }) => string> {
  const t = await productCopy();
  return (p) => (t.has(`Products.${p.slug}.name`) ? t(`Products.${p.slug}.name`) : p.name);
}

/**
 * A product's copy in the request's language: the catalog's own text is English; the messages
 * carry the French for each seeded product, and a product without messages keeps its catalog text.
 */
export async function localizeProducts<P extends Product>(items: P[]): Promise<P[]> {
  const [t, nameOf] = await Promise.all([productCopy(), getProductNamer()]);
  return items.map((p) => {
    const key = `Products.${p.slug}`;
    if (!t.has(`${key}.tagline`)) return p;
    return {
      ...p,
      name: nameOf(p),
      tagline: t(`${key}.tagline`),
      description: t(`${key}.description`),
      features: t.raw(`${key}.features`) as string[],
    };
  });
}

export async function localizeProduct<P extends Product>(product: P): Promise<P> {
  return (await localizeProducts([product]))[0]!;
}
