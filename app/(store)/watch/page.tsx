import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { BRAND } from '@/lib/brand';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Meta'))('watch') };
}

/**
 * Where "Start watching" goes when WATCH_URL is not set: a placeholder for the merchant's player
 * (a deployment points WATCH_URL at its real app or web player).
 */
export default async function WatchPage() {
  const t = await getTranslations('Watch');
  return (
    <div className="mx-auto max-w-md space-y-4 py-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-slate-700">{t('text', { brand: BRAND.name })}</p>
      <Link href="/orders" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
        {t('orders')}
      </Link>
    </div>
  );
}
