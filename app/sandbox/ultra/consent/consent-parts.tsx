'use client';

import { useId } from 'react';
import type { SheetMessages } from './messages';
import { scopeValue, type SheetPersona, type SheetScope } from './consent-model';

/** The sheet's top bar: Flipkart's mark, the sandbox badge and the close button. */
export function SheetHeader({ m, onClose }: { m: SheetMessages; onClose: () => void }) {
  return (
    <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
      <div className="flex items-center gap-2">
        <span
          aria-hidden
          className="grid h-7 w-7 place-items-center rounded bg-flipkart text-sm font-bold italic text-flipkart-yellow"
        >
          F
        </span>
        <span className="font-semibold italic text-brand-700">Flipkart</span>
        <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{m.sandbox}</span>
      </div>
      <button
        type="button"
        onClick={onClose}
        aria-label={m.close}
        className="grid h-11 w-11 place-items-center rounded-full text-xl text-slate-600 hover:bg-slate-100"
      >
        ×
      </button>
    </div>
  );
}

/** Which sandbox customer answers (lib/sandbox/ultra/personas.ts); changing it resets the switches to theirs. */
export function PersonaPicker(props: {
  m: SheetMessages;
  personas: SheetPersona[];
  persona: SheetPersona | undefined;
  ready: boolean;
  onChoose: (id: string) => void;
}) {
  const { m, personas, persona } = props;
  const helpId = useId();
  return (
    <div>
      <label htmlFor="persona" className="block text-sm font-medium text-slate-700">
        {m.customer}
      </label>
      <select
        id="persona"
        value={persona?.id ?? ''}
        onChange={(e) => props.onChoose(e.target.value)}
        disabled={!props.ready}
        aria-describedby={helpId}
        className="mt-1 min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base"
      >
        {personas.map((p) => (
          <option key={p.id} value={p.id}>
            {m.personas[p.id]?.label ?? p.label}
          </option>
        ))}
      </select>
      <p id={helpId} className="mt-1 text-xs text-slate-600">
        {persona ? (m.personas[persona.id]?.summary ?? persona.summary) : null} {m.personaHelp}
      </p>
    </div>
  );
}

/** One row per requested scope: what would be shared, and a switch (mandatory scopes stay on). */
export function ScopeList(props: {
  m: SheetMessages;
  scopes: SheetScope[];
  persona: SheetPersona | undefined;
  granted: Record<string, boolean>;
  ready: boolean;
  onToggle: (scope: string) => void;
}) {
  const { m, persona, granted } = props;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
      {props.scopes.map((s) => {
        const label = m.scopes[s.scope] ?? s.scope;
        const on = granted[s.scope] === true;
        return (
          <li key={s.scope} className="flex items-center justify-between gap-3 px-3 py-1">
            <div className="min-w-0">
              <p className="font-medium">{label}</p>
              <p className="truncate text-sm text-slate-600">{persona ? scopeValue(m, persona, s.scope) : ''}</p>
            </div>
            {/* The button is the 44 px touch target; the track inside it is the switch people see. */}
            <button
              type="button"
              role="switch"
              aria-checked={on}
              aria-label={m.share(label)}
              disabled={!props.ready || s.mandatory}
              onClick={() => props.onToggle(s.scope)}
              className="grid h-11 w-14 shrink-0 place-items-center disabled:opacity-60"
            >
              <span
                aria-hidden
                className={`relative h-6 w-11 rounded-full transition ${on ? 'bg-brand-600' : 'bg-slate-400'}`}
              >
                <span
                  className={`absolute left-0.5 top-0.5 h-5 w-5 rounded-full bg-white shadow transition ${on ? 'translate-x-5' : ''}`}
                />
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** Deny and Allow, side by side; both wait for hydration and for an answer in flight. */
export function SheetActions(props: { m: SheetMessages; disabled: boolean; onAnswer: (allow: boolean) => void }) {
  const { m, disabled } = props;
  return (
    <div className="grid grid-cols-2 gap-3 pb-2">
      <button
        type="button"
        onClick={() => props.onAnswer(false)}
        disabled={disabled}
        className="rounded-md border border-slate-300 px-4 py-3 font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60"
      >
        {m.deny}
      </button>
      <button
        type="button"
        onClick={() => props.onAnswer(true)}
        disabled={disabled}
        className="rounded-md bg-[#c2410c] px-4 py-3 font-semibold text-white hover:bg-[#9a3412] disabled:opacity-60"
      >
        {m.allow}
      </button>
    </div>
  );
}
