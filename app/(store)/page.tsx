import { getTranslations } from 'next-intl/server';
import { ProductCard } from '@/components/catalog/product-card';
import { listProducts } from '@/lib/catalog/queries';
import { getStoreFormat, localizeProducts } from '@/lib/i18n/store-format';

// Rendered per request from the database (the catalog query itself is cached in lib/catalog).
export const dynamic = 'force-dynamic';

export default async function CatalogPage() {
  const t = await getTranslations('Catalog');
  const format = await getStoreFormat();
  const items = await localizeProducts(await listProducts());
  const section = (kind: 'plan' | 'addon', heading: string) => (
    <section aria-labelledby={`${kind}s-heading`}>
      <h2 id={`${kind}s-heading`} className="mb-3 text-xl font-semibold">
        {heading}
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2 sm:gap-4 lg:grid-cols-3">
        {items
          .filter((p) => p.kind === kind)
          .map((p, i) => (
            <ProductCard
              key={p.id}
              product={p}
              eager={kind === 'plan' && i === 0}
              kindLabel={t(kind)}
              price={format.price(p.priceCents, p.currency, p.billingPeriod)}
            />
          ))}
      </ul>
    </section>
  );
  return (
    <div className="space-y-6">
      <section className="rounded-2xl bg-gradient-to-br from-brand-700 to-brand-900 p-5 text-white sm:p-6">
        <h1 className="text-2xl font-bold sm:text-3xl">{t('heroTitle')}</h1>
        <p className="mt-2 max-w-prose text-brand-100">{t('heroText')}</p>
      </section>
      {section('plan', t('plans'))}
      {section('addon', t('addons'))}
    </div>
  );
}
