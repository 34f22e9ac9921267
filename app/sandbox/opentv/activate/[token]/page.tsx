import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { BRAND } from '@/lib/brand';
import { viewActivation } from '@/lib/sandbox/opentv/activation';
import { activateAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Activate your subscription', robots: { index: false } };

type Props = {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ error?: string }>;
};

const ERRORS: Record<string, string> = {
  expired: 'This activation link has expired. Ask the store for a new one.',
  not_pending: 'This subscription can no longer be activated.',
  not_found: 'This activation link is not valid.',
};

/**
 * The sandbox's stand-in for Bango's merchant sign-up page (docs/partners/opentv.md): the customer
 * lands here from the activation URL and confirms; the entitlement becomes ACTIVE. It says why a
 * third brand appears between the store and OpenTV.
 */
export default async function ActivatePage({ params, searchParams }: Props) {
  if (!getConfig().sandbox) notFound();
  const { token } = await params;
  const { error } = await searchParams;
  const view = /^[A-Za-z0-9_-]{10,100}$/.test(token)
    ? await viewActivation(await getDb(), token)
    : { kind: 'unknown' as const };

  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col gap-6 px-4 py-8">
      <header className="flex flex-col gap-2">
        <p className="flex items-center gap-2 text-sm font-semibold text-violet-800">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-lg bg-violet-700 text-white">
            B
          </span>
          Bango · subscription activation <span className="font-normal text-slate-600">(sandbox)</span>
        </p>
        <p className="text-sm text-slate-700" data-testid="activation-why">
          Why Bango? {BRAND.name} streams on OpenTV (Nagra), and Bango runs OpenTV&apos;s sign-up and activation page
          for plans bought through partners such as Flipkart. You bought from {BRAND.name}; confirming here turns that
          plan on. Bango never charges you: payment was made with Flexiti in the store.
        </p>
      </header>

      {view.kind === 'unknown' ? (
        <section aria-labelledby="title" className="rounded-2xl bg-white p-6 shadow-sm">
          <h1 id="title" className="text-2xl font-bold">
            Link not valid
          </h1>
          <p className="mt-2 text-slate-700">{ERRORS.not_found}</p>
        </section>
      ) : (
        <section aria-labelledby="title" className="flex flex-col gap-4 rounded-2xl bg-white p-6 shadow-sm">
          <h1 id="title" className="text-2xl font-bold">
            {view.status === 'ACTIVE'
              ? 'Your subscription is active'
              : `Activate ${view.productName ?? 'your subscription'}`}
          </h1>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">Service</dt>
            <dd>{BRAND.name}</dd>
            <dt className="text-slate-600">Product</dt>
            <dd>{view.productName ?? view.productId}</dd>
            <dt className="text-slate-600">Status</dt>
            <dd data-testid="entitlement-status">{view.status}</dd>
          </dl>

          {error && ERRORS[error] ? (
            <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
              {ERRORS[error]}
            </p>
          ) : null}

          {view.status === 'PENDING' && !view.expired ? (
            <form action={activateAction} className="flex flex-col gap-3">
              <input type="hidden" name="token" value={token} />
              <p className="text-slate-700">
                Confirm to start watching {BRAND.name}. Your purchase is already paid through the store.
              </p>
              <button
                type="submit"
                className="h-12 rounded-xl bg-violet-700 px-6 font-semibold text-white hover:bg-violet-800"
              >
                Activate
              </button>
            </form>
          ) : null}

          {view.status === 'PENDING' && view.expired && !error ? (
            <p role="alert" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
              {ERRORS.expired}
            </p>
          ) : null}

          {view.status === 'ACTIVE' ? (
            <p role="status" className="rounded-lg bg-green-50 p-3 text-sm text-green-900">
              {view.webhook === 'delivered'
                ? 'The store has been told your subscription is active.'
                : 'The store will be told shortly that your subscription is active.'}
            </p>
          ) : null}
        </section>
      )}

      <Link href="/" className="text-center text-sm text-brand-700 underline">
        Back to {BRAND.name}
      </Link>
    </main>
  );
}
