import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { BRAND } from '@/lib/brand';
import { LanguageSwitch } from '@/components/i18n/language-switch';

/**
 * Opaque on purpose: a translucent, blurred header shows smudges of the page scrolling under it.
 *
 * Header with brand, the language switch and the account slot (components/auth/account-menu.tsx),
 * whose parts sit directly in this row: on a phone its links wrap to a full-width second line.
 */
export async function SiteHeader({ accountSlot }: { accountSlot?: ReactNode }) {
  const t = await getTranslations('Layout');
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white">
      <div className="mx-auto flex min-h-14 w-full max-w-5xl flex-wrap items-center justify-end gap-x-1 px-3 py-1 sm:flex-nowrap sm:gap-x-2 sm:px-4">
        <Link
          href="/"
          aria-label={t('home', { brand: BRAND.name })}
          className="mr-auto flex min-h-11 shrink-0 items-center gap-2 font-bold text-brand-900"
        >
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-sm text-white">
            {BRAND.mark}
          </span>
          <span aria-hidden className="text-base">
            {BRAND.name}
          </span>
        </Link>
        <LanguageSwitch />
        {accountSlot}
      </div>
    </header>
  );
}
