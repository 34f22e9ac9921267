import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BRAND } from '@/lib/brand';
import { getConfig } from '@/lib/config';
import { TOUR_STEPS } from '@/lib/sandbox/demo/tour';
import { PERSONAS } from '@/lib/sandbox/ultra/personas';
import { startDemoTour } from './actions';

export const dynamic = 'force-dynamic';

/** The demo tour's first step: what the tour shows, and a persona to play. Sandbox mode only. */
export default function DemoStartPage() {
  if (!getConfig().sandbox) notFound();
  return (
    <main id="main" className="mx-auto w-full max-w-4xl px-4 py-8">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Demo tour · works offline</p>
      <h1 className="mt-1 text-3xl font-bold text-slate-900">{BRAND.name} on Flipkart, end to end</h1>
      <p className="mt-3 max-w-2xl text-slate-700">
        Play a Flipkart customer buying a streaming plan. The real store runs on the left; on the right, a live sequence
        diagram shows every call the store makes to Flipkart, Flexiti and OpenTV (here their built-in sandboxes), and
        what each answered.
      </p>
      <ol className="mt-6 grid gap-2 sm:grid-cols-4" aria-label="Tour steps">
        {TOUR_STEPS.map((s, i) => (
          <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <span className="font-bold text-brand-700">{i + 1}.</span> {s.title}
          </li>
        ))}
      </ol>
      <section aria-labelledby="persona-h" className="mt-8">
        <h2 id="persona-h" className="text-xl font-semibold">
          Choose a persona
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Starting signs the store out first, so the tour can be run again, as anyone, from any state.
        </p>
        <ul className="mt-3 grid gap-3 sm:grid-cols-2">
          {PERSONAS.map((p) => (
            <li key={p.id}>
              {/* A form, not a link: starting a tour signs the previous tour's customer out of the store. */}
              <form action={startDemoTour} className="h-full">
                <button
                  type="submit"
                  name="persona"
                  value={p.id}
                  className="block h-full w-full rounded-xl border border-slate-200 bg-white p-4 text-left hover:border-brand-600 hover:shadow"
                  data-testid={`persona-${p.id}`}
                >
                  <span className="block font-semibold text-slate-900">{p.label}</span>
                  <span className="mt-1 block text-sm text-slate-700">{p.summary}</span>
                  <span className="mt-2 block text-sm font-semibold text-brand-700">Start the tour as {p.label} →</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>
      <p className="mt-8 text-sm text-slate-600">
        QA and support: the{' '}
        <Link href="/ops" className="text-brand-700 underline">
          ops console
        </Link>{' '}
        has the same diagram for every order, the outbox and the sandbox controls.
      </p>
    </main>
  );
}
