import Link from 'next/link';
import { TOUR_STEPS, type TourStep } from '@/lib/sandbox/demo/tour';

/** The tour's top bar: every step (the current one marked) and who the tour plays. */
export function TourHeader(props: { index: number; personaLabel: string; qs: string }) {
  return (
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
                  href={`/demo/tour/${s.id}?${props.qs}`}
                  aria-current={i === props.index ? 'step' : undefined}
                  className={`block rounded-full px-3 py-1 ${i === props.index ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-900'}`}
                >
                  {i + 1}. {s.title}
                </Link>
              </li>
            ))}
          </ol>
        </nav>
        <span className="text-sm text-slate-700" data-testid="tour-persona">
          Playing <strong>{props.personaLabel}</strong>
        </span>
      </div>
    </header>
  );
}

/** The step's title with the way back (or to the personas) and on (or out of the tour). */
export function StepTitle(props: { step: TourStep; index: number; qs: string }) {
  const prev = TOUR_STEPS[props.index - 1];
  const next = TOUR_STEPS[props.index + 1];
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-4">
      <h1 id="step-h" className="text-xl font-bold">
        <span className="mr-2 text-xs font-semibold uppercase tracking-wide text-brand-700">
          Step {props.index + 1} of {TOUR_STEPS.length}
        </span>
        {props.step.title}
      </h1>
      <div className="flex gap-4 text-sm">
        {prev ? (
          <Link href={`/demo/tour/${prev.id}?${props.qs}`} className="text-brand-700 underline">
            ← {prev.title}
          </Link>
        ) : (
          <Link href="/demo" className="text-brand-700 underline">
            ← Personas
          </Link>
        )}
        {next ? (
          <Link href={`/demo/tour/${next.id}?${props.qs}`} className="font-semibold text-brand-700 underline">
            Next: {next.title} →
          </Link>
        ) : (
          <Link href="/demo" className="font-semibold text-brand-700 underline" data-testid="tour-finish">
            Finish the tour
          </Link>
        )}
      </div>
    </div>
  );
}
