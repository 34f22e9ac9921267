import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getProductBySlug } from '@/lib/catalog/queries';
import { getProductNamer, getStoreFormat, localizeProduct } from '@/lib/i18n/store-format';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await getProductBySlug((await params).slug);
  return { title: product ? (await getProductNamer())(product) : (await getTranslations('Meta'))('notFound') };
}

export default async function ProductPage({ params }: Props) {
  const found = await getProductBySlug((await params).slug);
  if (!found) notFound();
  const product = await localizeProduct(found);
  const [t, tc, tt, format] = await Promise.all([
    getTranslations('Product'),
    getTranslations('Catalog'),
    getTranslations('Term'),
    getStoreFormat(),
  ]);
  const amount = format.money(product.priceCents, product.currency);
  return (
    <article className="grid gap-5 md:grid-cols-2 md:gap-6">
      {/* The largest paint: loaded first. A plain <img>: a small SVG, nothing to optimise. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={product.image}
        alt=""
        width={640}
        height={360}
        fetchPriority="high"
        className="aspect-[2/1] w-full rounded-2xl object-cover md:aspect-video"
      />
      <div className="flex flex-col gap-3">
        <Link href="/" className="inline-flex min-h-11 items-center self-start text-sm text-brand-700 underline">
          ← {t('allPlans')}
        </Link>
        <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">
          {product.kind === 'plan' ? tc('plan') : tc('addon')}
        </p>
        <h1 className="text-3xl font-bold">{product.name}</h1>
        <p className="text-lg text-slate-700">{product.tagline}</p>
        <p className="text-slate-700">{product.description}</p>
        {/* What one purchase is: the term, the features, one payment that does not renew, and how
            Flexiti finances it (docs/refund-policy.md). */}
        <section
          aria-labelledby="what-you-get"
          className="space-y-2 rounded-xl border border-slate-200 bg-white p-4"
          data-testid="what-you-get"
        >
          <h2 id="what-you-get" className="text-lg font-semibold">
            {tt('whatYouGet')}
          </h2>
          <p className="font-semibold" data-testid="term">
            {format.access(product.name, product.billingPeriod)}
          </p>
          <ul className="list-inside list-disc text-slate-700">
            {product.features.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
          <p className="text-slate-700">{tt('oneOff', { amount })}</p>
          <p className="text-sm text-slate-600">{tt('flexiti')}</p>
        </section>
        {/* Sticks to the bottom of the screen while the product is in view, so Buy now is always one tap away. */}
        <div className="sticky bottom-0 -mx-4 flex items-center justify-between gap-3 border-t border-slate-200 bg-white px-4 py-3 md:static md:mx-0 md:border-0 md:bg-transparent md:p-0">
          <p className="text-2xl font-semibold" data-testid="price">
            {amount}
            <span className="text-base font-normal text-slate-600">
              {' '}
              · {tt('length', { term: product.billingPeriod })}
            </span>
          </p>
          <Link
            href={`/checkout/${product.slug}`}
            className="inline-flex h-12 items-center justify-center rounded-xl bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700"
          >
            {t('buyNow')}
          </Link>
        </div>
      </div>
    </article>
  );
}
