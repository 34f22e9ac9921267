import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { CallDetails } from '@/components/ops/call-details';
import { OpenTargetDetails } from '@/components/ops/open-target-details';
import { ScrollToNewest } from '@/components/ops/scroll-to-newest';
import { SequenceDiagram } from '@/components/ops/sequence-diagram';
import { getCurrentCustomer } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { listProductNames } from '@/lib/catalog/queries';
import { findTourStep, TOUR_STEPS, tourTodo } from '@/lib/sandbox/demo/tour';
import { partnerOrigins } from '@/lib/ops/call-log';
import { tourTimeline } from '@/lib/sandbox/demo/timeline';
import { buildSequenceDiagram } from '@/lib/ops/sequence-diagram';
import { findPersona, identityTokenFor, PERSONAS } from '@/lib/sandbox/ultra/personas';
import { demoAdvanceClock, switchTourPersona } from '../../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Tour' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const query = z.object({
  persona: z.string().min(1).max(40),
  since: z.coerce.number().int().min(0),
  moved: z.string().optional(),
});

/**
 * One step of the tour: the explanation, the real store in a frame, and the live diagram of every
 * partner call since the tour started. Side by side on a laptop, stacked on a phone.
 */
// eslint-disable-next-line max-lines-per-function -- one tour step page: mostly markup for each step's explanation; to be split by step
export default async function DemoTourStepPage({
  params,
  searchParams,
}: {
  params: Promise<{ step: string }>;
  searchParams: Search;
}) {
  if (!getConfig().sandbox) notFound();
  const found = findTourStep((await params).step);
  const raw = await searchParams;
  const parsed = query.safeParse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  const persona = parsed.success ? findPersona(parsed.data.persona) : undefined;
  if (!found || !parsed.success || !persona) notFound();
  const { step, index } = found;
  const { since, moved } = parsed.data;
  const db = await getDb();
  const config = getConfig();
  const identityToken = identityTokenFor(config.ultra.merchantId, persona);
  const [[plan], signedIn, { orderId, calls, events }] = await Promise.all([
    listProductNames(db),
    getCurrentCustomer(),
    tourTimeline(db, { since: new Date(since), identityToken }),
  ]);
  // Someone else signed in to the store (a previous tour, another tab): the steps cannot be followed as the persona.
  const otherCustomer =
    signedIn && signedIn.identityToken !== identityToken
      ? (PERSONAS.find((p) => identityTokenFor(config.ultra.merchantId, p) === signedIn.identityToken)?.label ??
        (signedIn.firstName || 'another customer'))
      : null;
  const model = buildSequenceDiagram(calls, events);
  // Flipkart's My Orders is another site: reload its frame whenever the store reports to OMS.
  const omsReports = calls.filter((c) => c.partner === 'oms').length;
  const qs = (extra: Record<string, string> = {}) =>
    new URLSearchParams({ persona: persona.id, since: String(since), ...extra }).toString();
  const prev = TOUR_STEPS[index - 1];
  const next = TOUR_STEPS[index + 1];
  const todo = tourTodo(step, persona.label);

  return (
    // On a laptop the page is exactly one screen high: the store on the left, the step and the live
    // diagram on the right, the diagram taking what the step leaves (its newest arrow in view).
    <div className="lg:flex lg:h-dvh lg:flex-col">
      <AutoRefresh />
      <OpenTargetDetails />
      <header className="border-b border-slate-200 bg-white lg:shrink-0">
        <div className="flex flex-wrap items-center justify-between gap-2 px-4 py-1.5">
          <Link href="/demo" className="font-bold text-brand-900">
            Demo tour
          </Link>
          <nav aria-label="Tour steps">
            <ol className="flex flex-wrap gap-1 text-sm">
              {TOUR_STEPS.map((s, i) => (
                <li key={s.id}>
                  <Link
                    href={`/demo/tour/${s.id}?${qs()}`}
                    aria-current={i === index ? 'step' : undefined}
                    className={`block rounded-full px-3 py-1 ${i === index ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-900'}`}
                  >
                    {i + 1}. {s.title}
                  </Link>
                </li>
              ))}
            </ol>
          </nav>
          <span className="text-sm text-slate-700" data-testid="tour-persona">
            Playing <strong>{persona.label}</strong>
          </span>
        </div>
      </header>
      <main
        id="main"
        className="grid gap-3 p-3 lg:min-h-0 lg:flex-1 lg:grid-cols-[minmax(360px,420px)_1fr] lg:grid-rows-[auto_minmax(0,1fr)]"
      >
        <section
          aria-labelledby="step-h"
          className="rounded-xl border border-slate-200 bg-white px-4 py-3 lg:col-start-2 lg:row-start-1"
          data-testid="tour-step"
        >
          <div className="flex flex-wrap items-baseline justify-between gap-x-4">
            <h1 id="step-h" className="text-xl font-bold">
              <span className="mr-2 text-xs font-semibold uppercase tracking-wide text-brand-700">
                Step {index + 1} of {TOUR_STEPS.length}
              </span>
              {step.title}
            </h1>
            <div className="flex gap-4 text-sm">
              {prev ? (
                <Link href={`/demo/tour/${prev.id}?${qs()}`} className="text-brand-700 underline">
                  ← {prev.title}
                </Link>
              ) : (
                <Link href="/demo" className="text-brand-700 underline">
                  ← Personas
                </Link>
              )}
              {next ? (
                <Link href={`/demo/tour/${next.id}?${qs()}`} className="font-semibold text-brand-700 underline">
                  Next: {next.title} →
                </Link>
              ) : (
                <Link href="/demo" className="font-semibold text-brand-700 underline" data-testid="tour-finish">
                  Finish the tour
                </Link>
              )}
            </div>
          </div>
          {otherCustomer ? (
            <form
              action={switchTourPersona}
              role="status"
              className="mt-2 flex flex-wrap items-center gap-3 rounded-lg border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950"
              data-testid="tour-switch"
            >
              <input type="hidden" name="persona" value={persona.id} />
              <input type="hidden" name="since" value={String(since)} />
              <input type="hidden" name="step" value={step.id} />
              <span>
                The store is signed in as <strong>{otherCustomer}</strong>, not {persona.label}.
              </span>
              <button
                type="submit"
                className="min-h-11 rounded-lg bg-amber-700 px-3 font-semibold text-white hover:bg-amber-800"
              >
                Sign out and play {persona.label}
              </button>
            </form>
          ) : null}
          <div className="mt-2 grid gap-x-6 gap-y-2 xl:grid-cols-2">
            <div>
              <h2 className="text-sm font-semibold">What to do</h2>
              <p className="text-sm text-slate-800">{todo}</p>
              <h2 className="mt-2 text-sm font-semibold">Sandbox data to use</h2>
              <ul className="ml-4 list-disc text-sm text-slate-800" data-testid="tour-data">
                {step.data.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </div>
            <div>
              <h2 className="text-sm font-semibold">What happens behind the scenes</h2>
              <p className="text-sm text-slate-800">{step.behind}</p>
            </div>
          </div>
          {step.id === 'fulfilment' ? (
            <form action={demoAdvanceClock} className="mt-2 flex flex-wrap items-center gap-3">
              <input type="hidden" name="persona" value={persona.id} />
              <input type="hidden" name="since" value={String(since)} />
              <button
                type="submit"
                className="min-h-11 rounded-lg bg-brand-600 px-4 text-sm font-semibold text-white hover:bg-brand-700"
              >
                Move the sandbox clock past the return window
              </button>
              {moved ? (
                <p role="status" className="text-sm text-green-800" data-testid="clock-moved">
                  The sandbox clock moved {config.returnWindowDays + 1} days ahead: times the sandbox stamps now say
                  “sandbox clock +{config.returnWindowDays + 1} d”. The fulfilment report goes out on the worker&apos;s
                  next run.
                </p>
              ) : null}
            </form>
          ) : null}
        </section>
        {/* The store at phone width, as in the Flipkart app; beside the story on a laptop. */}
        <section aria-labelledby="store-h" className="lg:col-start-1 lg:row-span-2 lg:row-start-1 lg:min-h-0">
          <h2 id="store-h" className="sr-only">
            The store
          </h2>
          <iframe
            // Loaded again when the signed-in customer stops (or starts) being someone else: after
            // "Sign out and play", the frame shows the signed-out store.
            key={`${step.id === 'fulfilment' ? `oms-${omsReports}` : step.id}${otherCustomer ? '-other' : ''}`}
            title="The store"
            src={step.storePath({ productSlug: plan?.slug ?? '', personaId: persona.id })}
            className="h-[640px] w-full rounded-xl border border-slate-300 bg-white lg:h-full"
            data-testid="tour-store"
          />
        </section>
        <section
          aria-labelledby="diagram-h"
          className="min-w-0 lg:col-start-2 lg:row-start-2 lg:flex lg:min-h-0 lg:flex-col"
        >
          <div className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3">
            <h2 id="diagram-h" className="text-lg font-semibold">
              Live: what the store asked each partner{' '}
              <span className="text-sm font-normal text-slate-600" data-testid="tour-call-count">
                ({calls.length} call{calls.length === 1 ? '' : 's'} since the tour started)
              </span>
            </h2>
            <p className="text-sm text-slate-600" data-testid="tour-order">
              {orderId ? (
                <>
                  Order <span className="font-mono">{orderId}</span>: its calls, OMS reports and OpenTV&apos;s callback.
                </>
              ) : (
                'No order yet: the sign-in calls so far.'
              )}
            </p>
          </div>
          <ScrollToNewest
            count={model.steps.length}
            label="Live sequence diagram, newest at the bottom"
            className="max-h-[65vh] lg:max-h-none lg:min-h-[200px] lg:flex-1"
          >
            <SequenceDiagram model={model} title="Live sequence diagram of the demo" />
          </ScrollToNewest>
          <details className="mt-2 rounded-lg border border-slate-200 bg-white px-2 py-1 text-sm lg:max-h-[40%] lg:shrink-0 lg:overflow-auto">
            <summary className="cursor-pointer font-semibold">Requests and responses (redacted)</summary>
            <div className="mt-2">
              <CallDetails calls={calls} origins={partnerOrigins(getConfig())} backTo="#diagram-h" />
            </div>
          </details>
        </section>
      </main>
    </div>
  );
}
