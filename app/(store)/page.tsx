import { ProductCard } from '@/components/catalog/product-card';
import { listProducts } from '@/lib/catalog/queries';

// Rendered per request from the database (the catalog query itself is cached in lib/catalog).
export const dynamic = 'force-dynamic';

export default async function CatalogPage() {
  const items = await listProducts();
  const plans = items.filter((p) => p.kind === 'plan');
  const addons = items.filter((p) => p.kind === 'addon');
  return (
    <div className="space-y-8">
      <section className="rounded-2xl bg-gradient-to-br from-brand-700 to-brand-900 p-6 text-white">
        <h1 className="text-2xl font-bold sm:text-3xl">Stream everything. Pay over time.</h1>
        <p className="mt-2 max-w-prose text-brand-100">
          Pick a plan, sign in with your Flipkart account in one tap, and finance it with Flexiti. Your subscription is
          ready the moment you activate it.
        </p>
      </section>
      <section aria-labelledby="plans-heading">
        <h2 id="plans-heading" className="mb-3 text-xl font-semibold">
          Plans
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {plans.map((p) => (
            <ProductCard key={p.id} product={p} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="addons-heading">
        <h2 id="addons-heading" className="mb-3 text-xl font-semibold">
          Add-ons
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {addons.map((p) => (
            <ProductCard key={p.id} product={p} />
          ))}
        </ul>
      </section>
    </div>
  );
}
