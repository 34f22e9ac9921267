import type { TourStep } from '@/lib/sandbox/demo/tour';
import { demoAdvanceClock, switchTourPersona } from '../../actions';
import { StepTitle } from './tour-nav';

/** Hidden fields every tour form carries, so its action can send the presenter back to the same tour. */
function TourFields(props: { personaId: string; since: number }) {
  return (
    <>
      <input type="hidden" name="persona" value={props.personaId} />
      <input type="hidden" name="since" value={String(props.since)} />
    </>
  );
}

/** Someone else is signed in to the store (a previous tour, another tab): offer to play the persona. */
function SwitchPersona(props: {
  step: TourStep;
  persona: { id: string; label: string };
  since: number;
  other: string;
}) {
  return (
    <form
      action={switchTourPersona}
      role="status"
      className="mt-2 flex flex-wrap items-center gap-3 rounded-lg border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950"
      data-testid="tour-switch"
    >
      <TourFields personaId={props.persona.id} since={props.since} />
      <input type="hidden" name="step" value={props.step.id} />
      <span>
        The store is signed in as <strong>{props.other}</strong>, not {props.persona.label}.
      </span>
      <button
        type="submit"
        className="min-h-11 rounded-lg bg-amber-700 px-3 font-semibold text-white hover:bg-amber-800"
      >
        Sign out and play {props.persona.label}
      </button>
    </form>
  );
}

/** The fulfilment step's button: the sandbox clock past the return window, so OMS hears "fulfilled". */
function AdvanceClock(props: { personaId: string; since: number; moved: boolean; days: number }) {
  return (
    <form action={demoAdvanceClock} className="mt-2 flex flex-wrap items-center gap-3">
      <TourFields personaId={props.personaId} since={props.since} />
      <button
        type="submit"
        className="min-h-11 rounded-lg bg-brand-600 px-4 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Move the sandbox clock past the return window
      </button>
      {props.moved ? (
        <p role="status" className="text-sm text-green-800" data-testid="clock-moved">
          The sandbox clock moved {props.days} days ahead: times the sandbox stamps now say “sandbox clock +{props.days}{' '}
          d”. The fulfilment report goes out on the worker&apos;s next run.
        </p>
      ) : null}
    </form>
  );
}

/** The step: what to do, the sandbox data to use, and what happens behind the scenes. */
export function StepPanel(props: {
  step: TourStep;
  index: number;
  qs: string;
  persona: { id: string; label: string };
  since: number;
  todo: string;
  otherCustomer: string | null;
  moved: boolean;
  returnWindowDays: number;
}) {
  const { step, persona, since } = props;
  return (
    <section
      aria-labelledby="step-h"
      className="rounded-xl border border-slate-200 bg-white px-4 py-3 lg:col-start-2 lg:row-start-1"
      data-testid="tour-step"
    >
      <StepTitle step={step} index={props.index} qs={props.qs} />
      {props.otherCustomer ? (
        <SwitchPersona step={step} persona={persona} since={since} other={props.otherCustomer} />
      ) : null}
      <div className="mt-2 grid gap-x-6 gap-y-2 xl:grid-cols-2">
        <div>
          <h2 className="text-sm font-semibold">What to do</h2>
          <p className="text-sm text-slate-800">{props.todo}</p>
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
        <AdvanceClock personaId={persona.id} since={since} moved={props.moved} days={props.returnWindowDays + 1} />
      ) : null}
    </section>
  );
}
