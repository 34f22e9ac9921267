import { getTranslations } from 'next-intl/server';
import { BRAND } from '@/lib/brand';

export async function SiteFooter() {
  const t = await getTranslations('Layout');
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto w-full max-w-5xl px-4 py-6 text-sm text-slate-600">
        <p>{t('footerSold', { brand: BRAND.name, merchant: BRAND.merchant })}</p>
        <p className="mt-1">{t('footerPrices')}</p>
      </div>
    </footer>
  );
}
