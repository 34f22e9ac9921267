'use client';

import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useHydrated } from '@/components/auth/use-hydrated';
import { CONSENT_MESSAGE, type ConsentMessage, type ConsentOutcome } from '@/lib/sandbox/ultra/bridge';
import { SHEET_MESSAGES, type SheetLang, type SheetMessages } from './messages';

export interface SheetPersona {
  id: string;
  label: string;
  summary: string;
  name: string | null;
  mobile: { mobileNumber: string; isVerified: boolean };
  email: { email: string; isVerified: boolean } | null;
  deniesScopes: string[];
}

export interface SheetScope {
  scope: string;
  mandatory: boolean;
}

function scopeValue(m: SheetMessages, persona: SheetPersona, scope: string): string {
  const verified = (ok: boolean) => ` · ${ok ? m.verified : m.notVerified}`;
  switch (scope) {
    case 'user.mobile':
      return `${persona.mobile.mobileNumber}${verified(persona.mobile.isVerified)}`;
    case 'user.email':
      return persona.email ? `${persona.email.email}${verified(persona.email.isVerified)}` : m.notOnFile;
    case 'user.name':
      return persona.name ?? m.notOnFile;
    default:
      return m.notShared;
  }
}

/** "needs access to your Communication Details and Name" (docs/partners/ultra.md#scope-shapes, the permission sheet's wording). */
function headline(m: SheetMessages, appName: string, scopes: SheetScope[]): string {
  const parts: string[] = [];
  if (scopes.some((s) => s.scope === 'user.mobile' || s.scope === 'user.email')) parts.push(m.communication);
  if (scopes.some((s) => s.scope === 'user.name')) parts.push(m.name);
  const other = scopes.filter((s) => !m.scopes[s.scope]).length;
  if (other) parts.push(other === 1 ? m.oneMore : m.more(other));
  return m.headline(appName, parts.join(m.and));
}

function defaultsFor(persona: SheetPersona | undefined, scopes: SheetScope[]): Record<string, boolean> {
  return Object.fromEntries(scopes.map((s) => [s.scope, s.mandatory || !persona?.deniesScopes.includes(s.scope)]));
}

// eslint-disable-next-line max-lines-per-function -- the consent sheet's one screen (persona, scopes, Allow/Deny), mostly markup; to be split
export function ConsentSheet(props: {
  lang: SheetLang;
  appName: string;
  requestId: string;
  clientId: string;
  scopes: SheetScope[] | null;
  personas: SheetPersona[];
  /** Origins the answer may be posted to (this app's own, and the store it serves). */
  parentOrigins: string[];
  /** The persona the demo tour plays (preselected); the first one otherwise. */
  initialPersonaId?: string;
}) {
  const { appName, requestId, clientId, personas, parentOrigins } = props;
  const m = SHEET_MESSAGES[props.lang];
  const scopes = props.scopes ?? [];
  const first = personas.find((p) => p.id === props.initialPersonaId) ?? personas[0];
  const [personaId, setPersonaId] = useState(first?.id ?? '');
  const persona = personas.find((p) => p.id === personaId);
  const [granted, setGranted] = useState(() => defaultsFor(first, scopes));
  const [state, setState] = useState<'open' | 'sending' | 'failed'>('open');
  const titleId = useId();
  const personaHelpId = useId();
  const sheetRef = useRef<HTMLDivElement>(null);
  // Controls wait for hydration, so a tap before React is ready is not silently lost.
  const ready = useHydrated();

  const post = useCallback(
    (message: ConsentOutcome) => {
      const full: ConsentMessage = { source: CONSENT_MESSAGE, requestId, ...message };
      // To each origin that may have opened the sheet: the browser delivers it only to the real one.
      for (const origin of parentOrigins) window.parent.postMessage(full, origin);
    },
    [requestId, parentOrigins],
  );
  const dismiss = useCallback(() => post({ outcome: 'dismissed' }), [post]);

  useEffect(() => {
    sheetRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') dismiss();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dismiss]);

  // docs/partners/ultra.md#get-token code 1005 BAD_PERMISSION_REQUEST: the request could not be read.
  useEffect(() => {
    if (!props.scopes) post({ outcome: 'failed', code: 1005, message: 'Bad permission request' });
  }, [props.scopes, post]);

  function choosePersona(id: string) {
    setPersonaId(id);
    setGranted(
      defaultsFor(
        personas.find((p) => p.id === id),
        scopes,
      ),
    );
  }

  async function answer(allow: boolean) {
    const result = Object.fromEntries(scopes.map((s) => [s.scope, allow ? granted[s.scope] === true : false]));
    setState('sending');
    try {
      const res = await fetch('/sandbox/ultra/platform/sandbox/grants', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientId, personaId, scopes: result }),
      });
      if (!res.ok) throw new Error(`grant ${res.status}`);
      const body = (await res.json()) as { grantToken: string; result: Record<string, boolean> };
      post({ outcome: 'answered', grantToken: body.grantToken, result: body.result });
    } catch {
      setState('failed');
    }
  }

  return (
    <div className="fixed inset-0 flex flex-col justify-end">
      <div aria-hidden className="absolute inset-0 bg-black/50" onClick={dismiss} data-testid="consent-backdrop" />
      <div
        ref={sheetRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        lang={props.lang}
        tabIndex={-1}
        className="relative mx-auto w-full max-w-md rounded-t-2xl bg-white text-slate-900 shadow-2xl outline-none"
      >
        <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
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
            onClick={dismiss}
            aria-label={m.close}
            className="grid h-9 w-9 place-items-center rounded-full text-xl text-slate-600 hover:bg-slate-100"
          >
            ×
          </button>
        </div>

        <div className="space-y-4 px-4 py-4">
          <div>
            <label htmlFor="persona" className="block text-sm font-medium text-slate-700">
              {m.customer}
            </label>
            <select
              id="persona"
              value={personaId}
              onChange={(e) => choosePersona(e.target.value)}
              disabled={!ready}
              aria-describedby={personaHelpId}
              className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base"
            >
              {personas.map((p) => (
                <option key={p.id} value={p.id}>
                  {m.personas[p.id]?.label ?? p.label}
                </option>
              ))}
            </select>
            <p id={personaHelpId} className="mt-1 text-xs text-slate-600">
              {persona ? (m.personas[persona.id]?.summary ?? persona.summary) : null} {m.personaHelp}
            </p>
          </div>

          <h1 id={titleId} className="text-lg font-semibold leading-snug">
            {headline(m, appName, scopes)}
          </h1>

          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
            {scopes.map((s) => {
              const label = m.scopes[s.scope] ?? s.scope;
              const on = granted[s.scope] === true;
              return (
                <li key={s.scope} className="flex items-center justify-between gap-3 px-3 py-3">
                  <div className="min-w-0">
                    <p className="font-medium">{label}</p>
                    <p className="truncate text-sm text-slate-600">{persona ? scopeValue(m, persona, s.scope) : ''}</p>
                  </div>
                  <button
                    type="button"
                    role="switch"
                    aria-checked={on}
                    aria-label={m.share(label)}
                    disabled={!ready || s.mandatory}
                    onClick={() => setGranted((g) => ({ ...g, [s.scope]: !on }))}
                    className={`relative h-6 w-11 shrink-0 rounded-full transition disabled:opacity-60 ${on ? 'bg-brand-600' : 'bg-slate-400'}`}
                  >
                    <span
                      aria-hidden
                      className={`absolute left-0.5 top-0.5 h-5 w-5 rounded-full bg-white shadow transition ${on ? 'translate-x-5' : ''}`}
                    />
                  </button>
                </li>
              );
            })}
          </ul>

          <p className="text-xs text-slate-600">{m.never}</p>

          {state === 'failed' && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {m.failed}
            </p>
          )}

          <div className="grid grid-cols-2 gap-3 pb-2">
            <button
              type="button"
              onClick={() => answer(false)}
              disabled={!ready || state === 'sending'}
              className="rounded-md border border-slate-300 px-4 py-3 font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60"
            >
              {m.deny}
            </button>
            <button
              type="button"
              onClick={() => answer(true)}
              disabled={!ready || state === 'sending'}
              className="rounded-md bg-[#c2410c] px-4 py-3 font-semibold text-white hover:bg-[#9a3412] disabled:opacity-60"
            >
              {m.allow}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
