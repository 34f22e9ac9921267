import Image from 'next/image';
import Link from 'next/link';
import type { Product } from '@/lib/catalog/queries';
import { formatMoney, periodLabel } from '@/lib/money';

export function ProductCard({ product }: { product: Product }) {
  return (
    <li className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
      <Link href={`/products/${product.slug}`} className="flex h-full flex-col">
        <Image
          src={product.image}
          alt=""
          width={640}
          height={360}
          unoptimized
          className="aspect-video w-full object-cover"
        />
        <div className="flex flex-1 flex-col gap-1 p-4">
          <span className="text-xs font-semibold uppercase tracking-wide text-brand-600">
            {product.kind === 'plan' ? 'Plan' : 'Add-on'}
          </span>
          <h3 className="text-lg font-semibold">{product.name}</h3>
          <p className="text-sm text-slate-600">{product.tagline}</p>
          <p className="mt-auto pt-2 font-semibold">
            {formatMoney(product.priceCents, product.currency)}
            <span className="text-sm font-normal text-slate-600">{periodLabel(product.billingPeriod)}</span>
          </p>
        </div>
      </Link>
    </li>
  );
}
