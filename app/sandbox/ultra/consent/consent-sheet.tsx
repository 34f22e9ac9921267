'use client';

import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useHydrated } from '@/components/auth/use-hydrated';
import { CONSENT_MESSAGE, type ConsentMessage, type ConsentOutcome } from '@/lib/sandbox/ultra/bridge';
import { PersonaPicker, ScopeList, SheetActions, SheetHeader } from './consent-parts';
import { defaultsFor, headline, type SheetPersona, type SheetScope } from './consent-model';
import { SHEET_MESSAGES, type SheetLang } from './messages';

interface SheetProps {
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
}

/**
 * The answer's way back to the page that opened the sheet: posted to each origin that may have
 * opened it (the browser delivers it only to the real one). Escape dismisses; a request the sheet
 * could not read answers code 1005 BAD_PERMISSION_REQUEST (docs/partners/ultra.md#get-token).
 */
function useSheetAnswer(props: SheetProps, personaId: string, granted: Record<string, boolean>) {
  const { requestId, parentOrigins, clientId } = props;
  const [state, setState] = useState<'open' | 'sending' | 'failed'>('open');
  const post = useCallback(
    (message: ConsentOutcome) => {
      const full: ConsentMessage = { source: CONSENT_MESSAGE, requestId, ...message };
      for (const origin of parentOrigins) window.parent.postMessage(full, origin);
    },
    [requestId, parentOrigins],
  );
  const dismiss = useCallback(() => post({ outcome: 'dismissed' }), [post]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') dismiss();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dismiss]);

  useEffect(() => {
    if (!props.scopes) post({ outcome: 'failed', code: 1005, message: 'Bad permission request' });
  }, [props.scopes, post]);

  async function answer(allow: boolean) {
    const scopes = props.scopes ?? [];
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

  return { state, dismiss, answer };
}

/** The sandbox's Flipkart permission sheet: one screen with the persona, the scopes, Deny and Allow. */
export function ConsentSheet(props: SheetProps) {
  const { personas } = props;
  const m = SHEET_MESSAGES[props.lang];
  const scopes = props.scopes ?? [];
  const first = personas.find((p) => p.id === props.initialPersonaId) ?? personas[0];
  const [personaId, setPersonaId] = useState(first?.id ?? '');
  const persona = personas.find((p) => p.id === personaId);
  const [granted, setGranted] = useState(() => defaultsFor(first, scopes));
  const { state, dismiss, answer } = useSheetAnswer(props, personaId, granted);
  const titleId = useId();
  const sheetRef = useRef<HTMLDivElement>(null);
  // Controls wait for hydration, so a tap before React is ready is not silently lost.
  const ready = useHydrated();

  useEffect(() => sheetRef.current?.focus(), []);

  function choosePersona(id: string) {
    setPersonaId(id);
    setGranted(
      defaultsFor(
        personas.find((p) => p.id === id),
        scopes,
      ),
    );
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
        <SheetHeader m={m} onClose={dismiss} />
        <div className="space-y-4 px-4 py-4">
          <PersonaPicker m={m} personas={personas} persona={persona} ready={ready} onChoose={choosePersona} />
          <h1 id={titleId} className="text-lg font-semibold leading-snug">
            {headline(m, props.appName, scopes)}
          </h1>
          <ScopeList
            m={m}
            scopes={scopes}
            persona={persona}
            granted={granted}
            ready={ready}
            onToggle={(scope) => setGranted((g) => ({ ...g, [scope]: !g[scope] }))}
          />
          <p className="text-xs text-slate-600">{m.never}</p>
          {state === 'failed' && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {m.failed}
            </p>
          )}
          <SheetActions m={m} disabled={!ready || state === 'sending'} onAnswer={answer} />
        </div>
      </div>
    </div>
  );
}
