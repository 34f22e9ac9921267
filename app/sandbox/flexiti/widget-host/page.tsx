import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getConfig } from '@/lib/config';
import { MessageLog } from './message-log';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Flexiti widget host (sandbox)', robots: { index: false, follow: false } };

type Props = { searchParams: Promise<{ widget?: string }> };

// Only the sandbox widget can be framed here (never an arbitrary URL).
const WIDGET_PATH = /^\/sandbox\/flexiti\/widget\/[^/?#]+\/[0-9a-f]{40}(\?[^#]*)?$/;

/**
 * A stand-in merchant page for QA and e2e: frames a sandbox widget URL (widget/init's
 * `redirection_url`, path only) the way the checkout does and lists the messages it posts.
 */
export default async function WidgetHostPage({ searchParams }: Props) {
  if (!getConfig().sandbox) notFound();
  const { widget } = await searchParams;
  if (!widget || !WIDGET_PATH.test(widget)) notFound();
  return (
    <main className="mx-auto w-full max-w-md space-y-3 p-4">
      <h1 className="text-xl font-bold">Flexiti widget host (sandbox)</h1>
      <iframe title="Flexiti" src={widget} className="h-[900px] w-full rounded-xl border border-slate-300 bg-white" />
      <MessageLog />
    </main>
  );
}
