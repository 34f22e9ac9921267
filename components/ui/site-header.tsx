import Link from 'next/link';
import type { ReactNode } from 'react';
import { BRAND } from '@/lib/brand';

/** Header with brand and the account slot (components/auth/account-menu.tsx: sign-in, or first name and sign-out). */
export function SiteHeader({ accountSlot }: { accountSlot?: ReactNode }) {
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-14 w-full max-w-5xl items-center justify-between gap-3 px-4">
        <Link href="/" className="flex items-center gap-2 font-bold text-brand-900">
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-sm text-white">
            {BRAND.mark}
          </span>
          <span className="sr-only sm:not-sr-only">{BRAND.name}</span>
        </Link>
        <nav aria-label="Account" className="flex items-center gap-2">
          {accountSlot}
        </nav>
      </div>
    </header>
  );
}
