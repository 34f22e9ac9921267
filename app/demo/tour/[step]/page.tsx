import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { OpenTargetDetails } from '@/components/ops/open-target-details';
import { getCurrentCustomer } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { listProductNames } from '@/lib/catalog/queries';
import { findTourStep, tourTodo } from '@/lib/sandbox/demo/tour';
import { tourTimeline } from '@/lib/sandbox/demo/timeline';
import { findPersona, identityTokenFor, PERSONAS } from '@/lib/sandbox/ultra/personas';
import { LiveDiagram } from './live-diagram';
import { StepPanel } from './step-panel';
import { TourHeader } from './tour-nav';

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
  const [[plan], signedIn, timeline] = await Promise.all([
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
  // Flipkart's My Orders is another site: reload its frame whenever the store reports to OMS.
  const omsReports = timeline.calls.filter((c) => c.partner === 'oms').length;
  const qs = new URLSearchParams({ persona: persona.id, since: String(since) }).toString();

  return (
    // On a laptop the page is exactly one screen high: the store on the left, the step and the live
    // diagram on the right, the diagram taking what the step leaves (its newest arrow in view).
    <div className="lg:flex lg:h-dvh lg:flex-col">
      <AutoRefresh />
      <OpenTargetDetails />
      <TourHeader index={index} personaLabel={persona.label} qs={qs} />
      <main
        id="main"
        className="grid gap-3 p-3 lg:min-h-0 lg:flex-1 lg:grid-cols-[minmax(360px,420px)_1fr] lg:grid-rows-[auto_minmax(0,1fr)]"
      >
        <StepPanel
          step={step}
          index={index}
          qs={qs}
          persona={persona}
          since={since}
          todo={tourTodo(step, persona.label)}
          otherCustomer={otherCustomer}
          moved={Boolean(moved)}
          returnWindowDays={config.returnWindowDays}
        />
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
        <LiveDiagram timeline={timeline} />
      </main>
    </div>
  );
}
