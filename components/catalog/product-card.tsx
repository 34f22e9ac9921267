import Link from 'next/link';
import type { Product } from '@/lib/catalog/queries';

/**
 * A compact catalog card: thumbnail, kind, name (once), tagline and price. The whole card is one
 * link, so it is one large touch target; several fit on a phone screen.
 *
 * Performance: the first card's picture (`eager`) loads at once with high priority, the others
 * lazily. A plain <img>: the pictures are small SVGs that need no optimiser, so next/image's client
 * code is not worth shipping. No prefetch: a product page is rendered per request, and
 * prefetching every card from the catalog costs the server a render each.
 */
export function ProductCard({
  product,
  kindLabel,
  price,
  eager = false,
}: {
  product: Product;
  kindLabel: string;
  price: string;
  eager?: boolean;
}) {
  return (
    <li className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
      <Link
        href={`/products/${product.slug}`}
        prefetch={false}
        className="flex h-full items-center gap-3 p-2.5 hover:bg-slate-50 sm:flex-col sm:items-stretch sm:p-0"
        data-testid="product-card"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- see above */}
        <img
          src={product.image}
          alt=""
          width={640}
          height={360}
          loading={eager ? 'eager' : 'lazy'}
          fetchPriority={eager ? 'high' : 'auto'}
          decoding="async"
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
