'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import type { WidgetView } from '@/lib/sandbox/flexiti/widget-sessions';

type Message = { eventType: string; eventData?: Record<string, unknown> };

const TEXT = {
  en: {
    title: 'Flexiti',
    sandbox: 'Sandbox widget',
    applyIntro: 'Apply for Flexiti financing',
    purchaseIntro: 'Pay with your Flexiti account',
    identified: 'Identified by',
    account: 'Sandbox account',
    noAccount: 'No sandbox account matches these details.',
    legend: 'What does the customer do?',
    pin: 'PIN',
    pinHint: 'The sandbox sends no SMS: enter 2222, the Flexiti test PIN.',
    continue: 'Continue',
    cancel: 'Cancel',
    sending: 'Sending…',
    done: 'Sent to the store:',
    completed: 'This widget session has ended. Start the checkout again for a new one.',
    expired: 'This widget session has expired (the access token lasts 20 minutes).',
  },
  fr: {
    title: 'Flexiti',
    sandbox: 'Widget de test',
    applyIntro: 'Demander un financement Flexiti',
    purchaseIntro: 'Payer avec votre compte Flexiti',
    identified: 'Identifié par',
    account: 'Compte de test',
    noAccount: 'Aucun compte de test ne correspond à ces renseignements.',
    legend: 'Que fait le client?',
    pin: 'NIP',
    pinHint: 'Aucun texto en mode test : entrez 2222, le NIP de test Flexiti.',
    continue: 'Continuer',
    cancel: 'Annuler',
    sending: 'Envoi…',
    done: 'Envoyé à la boutique :',
    completed: 'Cette session est terminée. Recommencez le paiement pour en ouvrir une autre.',
    expired: 'Cette session a expiré (le jeton dure 20 minutes).',
  },
} as const;

export function WidgetPanel({ view, outcomeUrl }: { view: WidgetView; outcomeUrl: string }) {
  const t = TEXT[view.lang];
  const firstAvailable = view.scenarios.find((s) => !s.unavailable)?.id;
  const initial = view.scenarios.find((s) => s.id === view.defaultScenario && !s.unavailable)?.id ?? firstAvailable;
  const [scenario, setScenario] = useState(initial);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<Message | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const pinId = useId();
  const pinHintId = useId();
  const chosen = view.scenarios.find((s) => s.id === scenario);

  async function send(id: string) {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(outcomeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: id, ...(pin ? { pin } : {}) }),
      });
      const body = (await res.json().catch(() => null)) as (Message & { message?: string }) | null;
      if (!res.ok || !body?.eventType) {
        setError(body?.message ?? `The sandbox answered HTTP ${res.status}`);
        requestAnimationFrame(() => errorRef.current?.focus());
        return;
      }
      const message: Message = body.eventData
        ? { eventType: body.eventType, eventData: body.eventData }
        : { eventType: body.eventType };
      // contracts §A.5: the widget posts to its parent with target origin '*'; the merchant checks
      // event.origin (D9).
      if (window.parent !== window) window.parent.postMessage(message, '*');
      setSent(message);
    } catch {
      setError('The sandbox could not be reached. Try again.');
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (scenario) void send(scenario);
  }

  return (
    <section aria-labelledby="flexiti-title" className="rounded-2xl border border-emerald-200 bg-white p-4 shadow-sm">
      <header className="mb-3 flex items-baseline justify-between gap-2">
        <h1 id="flexiti-title" className="text-2xl font-bold text-emerald-800">
          {t.title}
        </h1>
        <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{t.sandbox}</span>
      </header>
      <p className="font-semibold">{view.flow === 'apply' ? t.applyIntro : t.purchaseIntro}</p>
      <dl className="mt-2 space-y-1 text-sm text-slate-700">
        <div>
          <dt className="inline font-medium">{t.identified}: </dt>
          <dd className="inline">{view.identifiedBy}</dd>
        </div>
        <div>
          <dt className="inline font-medium">{t.account}: </dt>
          <dd className="inline">
            {view.account
              ? `${view.account.name}, ${view.account.accountNumber}, ${view.account.status.replace('_', ' ')}, $${view.account.availableCredit.toFixed(2)} available`
              : t.noAccount}
          </dd>
        </div>
      </dl>

      {view.state !== 'open' && !sent ? (
        <p role="status" className="mt-4 rounded-lg bg-slate-100 p-3">
          {view.state === 'expired' ? t.expired : t.completed}
        </p>
      ) : sent ? (
        <div role="status" className="mt-4 rounded-lg bg-emerald-50 p-3">
          <p className="font-medium">
            {t.done} <code>{sent.eventType}</code>
          </p>
          <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-all text-xs" data-testid="posted-message">
            {JSON.stringify(sent, null, 2)}
          </pre>
        </div>
      ) : (
        <form onSubmit={onSubmit} className="mt-4 space-y-4" noValidate>
          <fieldset className="space-y-2">
            <legend className="mb-1 font-semibold">{t.legend}</legend>
            {view.scenarios.map((s) => {
              const id = `scenario-${s.id}`;
              return (
                <div
                  key={s.id}
                  className={`flex gap-3 rounded-lg border p-3 ${s.unavailable ? 'border-slate-200 bg-slate-50 text-slate-500' : 'border-slate-300'}`}
                >
                  <input
                    type="radio"
                    id={id}
                    name="scenario"
                    value={s.id}
                    checked={scenario === s.id}
                    disabled={!!s.unavailable || busy}
                    onChange={() => setScenario(s.id)}
                    aria-describedby={`${id}-row`}
                    className="mt-1 h-5 w-5 shrink-0 accent-emerald-700"
                  />
                  <label htmlFor={id} className="flex-1">
                    <span className="block font-medium">{s.label}</span>
                    <span id={`${id}-row`} className="block text-xs text-slate-600">
                      {s.row}
                      {s.unavailable ? ` — unavailable: ${s.unavailable}` : ''}
                    </span>
                  </label>
                </div>
              );
            })}
          </fieldset>

          {chosen?.needsPin ? (
            <div className="space-y-1">
              <label htmlFor={pinId} className="block font-medium">
                {t.pin}
              </label>
              <input
                id={pinId}
                name="pin"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={4}
                value={pin}
                onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
                aria-describedby={pinHintId}
                aria-invalid={error ? true : undefined}
                className="h-12 w-32 rounded-lg border border-slate-400 px-3 text-lg tracking-widest"
              />
              <p id={pinHintId} className="text-sm text-slate-600">
                {t.pinHint}
              </p>
            </div>
          ) : null}

          {error ? (
            <p ref={errorRef} tabIndex={-1} role="alert" className="rounded-lg bg-red-50 p-3 text-red-800">
              {error}
            </p>
          ) : null}

          <div className="flex flex-col gap-2 sm:flex-row">
            <button
              type="submit"
              disabled={busy || !scenario}
              className="h-12 flex-1 rounded-xl bg-emerald-700 px-4 font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
            >
              {busy ? t.sending : t.continue}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => void send('cancel')}
              className="h-12 flex-1 rounded-xl border border-slate-400 px-4 font-semibold text-slate-800 hover:bg-slate-100 disabled:opacity-60"
            >
              {t.cancel}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
