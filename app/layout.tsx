import type { Metadata, Viewport } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { BRAND } from '@/lib/brand';
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
  // The store's language (lib/i18n/request.ts). No next-intl client provider here: its runtime would
  // load on every page. The header's sign-in gets its strings as props; the pages whose client
  // components translate (orders, checkout, account) add their own provider with their messages.
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
