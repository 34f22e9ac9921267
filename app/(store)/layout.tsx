import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AccountMenu } from '@/components/auth/account-menu';
import { SiteFooter } from '@/components/ui/site-footer';
import { SiteHeader } from '@/components/ui/site-header';
import { FocusAfterSignIn } from '@/components/ui/focus-after-sign-in';

export default async function StoreLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('Layout');
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t('skip')}
      </a>
      <SiteHeader accountSlot={<AccountMenu />} />
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6">
        {children}
      </main>
      <SiteFooter />
      <FocusAfterSignIn />
    </div>
  );
}
