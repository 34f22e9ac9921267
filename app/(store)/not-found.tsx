import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('NotFound');
  return (
    <div className="space-y-3 py-10 text-center">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-slate-600">{t('text')}</p>
      <Link href="/" className="inline-flex min-h-11 items-center text-brand-700 underline">
        {t('back')}
      </Link>
    </div>
  );
}
