import Image from 'next/image';
import Link from 'next/link';
import type { Product } from '@/lib/catalog/queries';

/**
 * A compact catalog card: thumbnail, kind, name (once), tagline and price. The whole card is one
 * link, so it is one large touch target; several fit on a phone screen.
 */
export function ProductCard({ product, kindLabel, price }: { product: Product; kindLabel: string; price: string }) {
  return (
    <li className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
      <Link
        href={`/products/${product.slug}`}
        className="flex h-full items-center gap-3 p-2.5 hover:bg-slate-50 sm:flex-col sm:items-stretch sm:p-0"
        data-testid="product-card"
      >
        <Image
          src={product.image}
          alt=""
          width={640}
          height={360}
          unoptimized
          className="h-20 w-20 shrink-0 rounded-lg object-cover sm:aspect-video sm:h-auto sm:w-full sm:rounded-none"
        />
        <div className="flex min-w-0 flex-1 flex-col gap-0.5 sm:p-4">
          <span className="text-xs font-semibold uppercase tracking-wide text-brand-700">{kindLabel}</span>
          <h3 className="text-base font-semibold sm:text-lg">{product.name}</h3>
          <p className="truncate text-sm text-slate-600">{product.tagline}</p>
          <p className="mt-auto font-semibold">{price}</p>
        </div>
      </Link>
    </li>
  );
}
