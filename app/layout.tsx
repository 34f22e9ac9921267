import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { BRAND } from '@/lib/brand';
import { clientMessages } from '@/lib/i18n/client-messages';
import { inter } from './fonts';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Meta');
  const title = t('title', { brand: BRAND.name });
  return { title: { default: title, template: `%s · ${title}` }, description: t('description') };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#2457d6',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request so Next can put proxy.ts's script nonce on its scripts.
  await connection();
  // The store's language (lib/i18n/request.ts); client components get its messages from the provider:
  // the header's sign-in and the order page's cancel; the checkout and account pages add their own.
  const [locale, messages] = await Promise.all([getLocale(), clientMessages(['SignIn', 'Order'])]);
  return (
    <html lang={locale} className={inter.variable}>
      <body className="min-h-dvh font-sans">
        <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
