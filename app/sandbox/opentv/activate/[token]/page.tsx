import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { BRAND } from '@/lib/brand';
import { viewActivation } from '@/lib/sandbox/opentv/activation';
import { activateAction } from './actions';
import { ACTIVATION_MESSAGES, linkParams } from './messages';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function query(searchParams: Props['searchParams']) {
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return linkParams.parse({ lang: one(q.lang), return: one(q.return), error: one(q.error) });
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { lang } = await query(searchParams);
  return { title: ACTIVATION_MESSAGES[lang].pageTitle, robots: { index: false } };
}

/**
 * The sandbox's stand-in for Bango's merchant sign-up page (docs/partners/opentv.md#activation): the customer
 * lands here from the activation URL and confirms; the entitlement becomes ACTIVE. It says in one
 * sentence why a third brand appears, speaks the store's language and leads back to the order
 * (the `lang` and `return` the store adds to the link).
 */
export default async function ActivatePage({ params, searchParams }: Props) {
  if (!getConfig().sandbox) notFound();
  const { token } = await params;
  const q = await query(searchParams);
  const m = ACTIVATION_MESSAGES[q.lang];
  const view = /^[A-Za-z0-9_-]{10,100}$/.test(token)
    ? await viewActivation(await getDb(), token)
    : { kind: 'unknown' as const };

  return (
    <main lang={q.lang} className="mx-auto flex min-h-dvh max-w-md flex-col gap-6 px-4 py-8">
      <header className="flex flex-col gap-2">
        <p className="flex items-center gap-2 text-sm font-semibold text-violet-800">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-lg bg-violet-700 text-white">
            B
          </span>
          {m.header} <span className="font-normal text-slate-600">{m.sandbox}</span>
        </p>
        <p className="text-sm text-slate-700" data-testid="activation-why">
          {m.why(BRAND.name)}
        </p>
      </header>

      {view.kind === 'unknown' ? (
        <section aria-labelledby="title" className="rounded-2xl bg-white p-6 shadow-sm">
          <h1 id="title" className="text-2xl font-bold">
            {m.invalidTitle}
          </h1>
          <p className="mt-2 text-slate-700">{m.errors.not_found}</p>
        </section>
      ) : (
        <section aria-labelledby="title" className="flex flex-col gap-4 rounded-2xl bg-white p-6 shadow-sm">
          <h1 id="title" className="text-2xl font-bold">
            {view.status === 'ACTIVE' ? m.activeTitle : m.activateTitle(view.productName)}
          </h1>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">{m.service}</dt>
            <dd>{BRAND.name}</dd>
            <dt className="text-slate-600">{m.product}</dt>
            <dd>{view.productName ?? view.productId}</dd>
            <dt className="text-slate-600">{m.status}</dt>
            <dd data-testid="entitlement-status" data-status={view.status}>
              {m.statuses[view.status] ?? view.status}
            </dd>
          </dl>

          {q.error && m.errors[q.error] ? (
            <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
              {m.errors[q.error]}
            </p>
          ) : null}

          {view.status === 'PENDING' && !view.expired ? (
            <form action={activateAction} className="flex flex-col gap-3">
              <input type="hidden" name="token" value={token} />
              <input type="hidden" name="lang" value={q.lang} />
              {q.return ? <input type="hidden" name="return" value={q.return} /> : null}
              <p className="text-slate-700">{m.confirm(BRAND.name)}</p>
              <button
                type="submit"
                className="h-12 rounded-xl bg-violet-700 px-6 font-semibold text-white hover:bg-violet-800"
              >
                {m.activate}
              </button>
            </form>
          ) : null}

          {view.status === 'PENDING' && view.expired && !q.error ? (
            <p role="alert" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
              {m.errors.expired}
            </p>
          ) : null}

          {view.status === 'ACTIVE' ? (
            <p role="status" className="rounded-lg bg-green-50 p-3 text-sm text-green-900">
              {view.webhook === 'delivered' ? m.told : m.willTell}
            </p>
          ) : null}
        </section>
      )}

      {/* Back to the order the customer came from, on the store this sandbox serves (another
          origin when the sandbox runs apart); the store's home when the link carried none. */}
      <a
        href={new URL(q.return ?? '/', getConfig().sandboxStoreUrl).toString()}
        className="inline-flex min-h-11 items-center justify-center text-sm text-brand-700 underline"
        data-testid="back-to-store"
      >
        {m.back(BRAND.name)}
      </a>
    </main>
  );
}
