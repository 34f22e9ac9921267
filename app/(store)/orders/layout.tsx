import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import { clientMessages } from '@/lib/i18n/client-messages';

/**
 * The order pages' client components translate with next-intl (cancel dialog, local times), so
 * its client runtime and the `Order` messages load here only, not on every store page.
 */
export default async function OrdersLayout({ children }: { children: ReactNode }) {
  return <NextIntlClientProvider messages={await clientMessages(['Order'])}>{children}</NextIntlClientProvider>;
}
