import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getConfig } from '@/lib/config';
import { loadWidgetView } from '@/lib/sandbox/flexiti/widget-sessions';
import { WidgetPanel } from './widget-panel';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Flexiti widget (sandbox)',
  robots: { index: false, follow: false },
};

type Props = {
  params: Promise<{ clientId: string; key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * The sandbox Flexiti widget (docs/partners/flexiti.md): the page widget/init's
 * `redirection_url` points at, rendered by the checkout in an iframe. The customer identifies,
 * verifies and gets a decision; the tester picks the decision in the "Sandbox scenario" drawer;
 * the choice is recorded server side and the documented message is posted to `window.parent`.
 */
export default async function FlexitiWidgetPage({ params, searchParams }: Props) {
  if (!getConfig().sandbox) notFound();
  const { clientId, key } = await params;
  const found = await loadWidgetView(decodeURIComponent(clientId), key);
  if (!found) notFound();
  // The URL's `lang` decides the language, as on Flexiti's widget; widget/init's is the default.
  const { lang } = await searchParams;
  const view = lang === 'en' || lang === 'fr' ? { ...found, lang: lang as 'en' | 'fr' } : found;
  return (
    <main lang={view.lang} className="mx-auto w-full max-w-md">
      <WidgetPanel view={view} outcomeUrl={`/sandbox/flexiti/widget-api/${key}/outcome`} />
    </main>
  );
}
