import 'server-only';
import { getMessages } from 'next-intl/server';

type Messages = Awaited<ReturnType<typeof getMessages>>;

/**
 * Only the namespaces a page's client components translate with: whatever the provider gets is
 * serialised into every response of the pages under it, so all messages on every page would cost
 * each render and each page's weight for nothing.
 */
export async function clientMessages<K extends keyof Messages>(namespaces: K[]): Promise<Pick<Messages, K>> {
  const all = await getMessages();
  return Object.fromEntries(namespaces.map((n) => [n, all[n]])) as Pick<Messages, K>;
}
