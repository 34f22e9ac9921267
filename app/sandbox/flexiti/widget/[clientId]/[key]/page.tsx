import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getConfig } from '@/lib/config';
import { loadWidgetView } from '@/lib/sandbox/flexiti/widget-sessions';
import { WIDGET_MESSAGES, type WidgetLang } from './messages';
import { WidgetPanel } from './widget-panel';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ clientId: string; key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// The page and its title read the same session once per request.
const loadView = cache(loadWidgetView);

/** The session's view in the language the URL asks for (as on Flexiti's widget), else widget/init's. */
async function viewFor({ params, searchParams }: Props) {
  if (!getConfig().sandbox) return null;
  const { clientId, key } = await params;
  const found = await loadView(decodeURIComponent(clientId), key);
  if (!found) return null;
  const { lang } = await searchParams;
  return lang === 'en' || lang === 'fr' ? { ...found, lang: lang as WidgetLang } : found;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const view = await viewFor(props);
  return {
    // The widget's own title, in its language (a page without a session is a 404 anyway).
    title: { absolute: WIDGET_MESSAGES[view?.lang ?? 'en'].pageTitle },
    robots: { index: false, follow: false },
  };
}

/**
 * The sandbox Flexiti widget (docs/partners/flexiti.md): the page widget/init's
 * `redirection_url` points at, rendered by the checkout in an iframe. The customer identifies,
 * verifies and gets a decision; the tester picks the decision in the "Sandbox scenario" drawer;
 * the choice is recorded server side and the documented message is posted to `window.parent`.
 */
export default async function FlexitiWidgetPage(props: Props) {
  const view = await viewFor(props);
  if (!view) notFound();
  const { key } = await props.params;
  return (
    <main lang={view.lang} className="mx-auto w-full max-w-md">
      <WidgetPanel view={view} outcomeUrl={`/sandbox/flexiti/widget-api/${key}/outcome`} />
    </main>
  );
}
