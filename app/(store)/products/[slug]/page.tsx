import type { Metadata } from 'next';
import Image from 'next/image';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getProductBySlug } from '@/lib/catalog/queries';
import { formatMoney, periodLabel } from '@/lib/money';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await getProductBySlug((await params).slug);
  return { title: product?.name ?? 'Not found' };
}

export default async function ProductPage({ params }: Props) {
  const product = await getProductBySlug((await params).slug);
  if (!product) notFound();
  return (
    <article className="grid gap-6 md:grid-cols-2">
      <Image
        src={product.image}
        alt=""
        width={640}
        height={360}
        priority
        unoptimized
        className="aspect-video w-full rounded-2xl object-cover"
      />
      <div className="flex flex-col gap-3">
        <Link href="/" className="text-sm text-brand-700 underline">
          ← All plans
        </Link>
        <p className="text-xs font-semibold uppercase tracking-wide text-brand-600">
          {product.kind === 'plan' ? 'Plan' : 'Add-on'}
        </p>
        <h1 className="text-3xl font-bold">{product.name}</h1>
        <p className="text-lg text-slate-700">{product.tagline}</p>
        <p className="text-slate-700">{product.description}</p>
        <ul className="list-inside list-disc text-slate-700">
          {product.features.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
        <p className="text-2xl font-semibold" data-testid="price">
          {formatMoney(product.priceCents, product.currency)}
          <span className="text-base font-normal text-slate-600">{periodLabel(product.billingPeriod)}</span>
        </p>
        <p className="text-sm text-slate-600">Finance it with Flexiti: apply in minutes or use your Flexiti account.</p>
        <Link
          href={`/checkout/${product.slug}`}
          className="inline-flex h-12 items-center justify-center rounded-xl bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700"
        >
          Buy now
        </Link>
      </div>
    </article>
  );
}
