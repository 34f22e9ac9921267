import { BRAND } from '@/lib/brand';

export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto w-full max-w-5xl px-4 py-6 text-sm text-slate-600">
        <p>
          {BRAND.name} is sold by {BRAND.merchant} on Flipkart. Financing by Flexiti, subject to approval.
        </p>
        <p className="mt-1">Prices in {BRAND.currencyNote}. Cancel within the return window for a full refund.</p>
      </div>
    </footer>
  );
}
