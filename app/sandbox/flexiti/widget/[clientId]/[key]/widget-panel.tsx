'use client';

import { createTranslator } from 'next-intl';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { WIDGET_HEIGHT_MESSAGE } from '@/lib/partners/flexiti/browser';
import type { ScenarioId } from '@/lib/sandbox/flexiti/scenarios';
import type { WidgetView } from '@/lib/sandbox/flexiti/widget-sessions';
import { WIDGET_MESSAGES } from './messages';
import { ScenarioDrawer } from './scenario-drawer';

type Message = { eventType: string; eventData?: Record<string, unknown> };
type Step = 'identify' | 'verify' | 'done';
type ResultKey = keyof (typeof WIDGET_MESSAGES)['en']['result'];

export type WidgetT = ReturnType<typeof widgetTranslator>;

export function widgetTranslator(lang: WidgetView['lang']) {
  return createTranslator({ locale: lang, messages: WIDGET_MESSAGES[lang] });
}

/** Posts the content height to the parent so the iframe fits it (lib/partners/flexiti/widget-height.ts). */
function usePostHeight(ref: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = ref.current;
    if (!el || window.parent === window) return;
    const post = () =>
      window.parent.postMessage(
        { type: WIDGET_HEIGHT_MESSAGE, height: Math.ceil(el.getBoundingClientRect().height) },
        '*',
      );
    const observer = new ResizeObserver(post);
    observer.observe(el);
    post();
    return () => observer.disconnect();
  }, [ref]);
}

/**
 * The sandbox Flexiti widget, shaped like the real one: who Flexiti identified, an SMS PIN, then
 * the decision. A collapsed "Sandbox scenario" drawer picks what Flexiti decides (every row of Flexiti's table
 * the session allows, docs/partners/flexiti.md#next-step); the server records it and answers with the message posted to the parent.
 */
export function WidgetPanel({ view, outcomeUrl }: { view: WidgetView; outcomeUrl: string }) {
  const t = useMemo(() => widgetTranslator(view.lang), [view.lang]);
  const money = useMemo(
    () => new Intl.NumberFormat(view.lang === 'fr' ? 'fr-CA' : 'en-CA', { style: 'currency', currency: 'CAD' }),
    [view.lang],
  );
  const available = (id: ScenarioId) => view.scenarios.some((s) => s.id === id && !s.unavailable);
  const [scenario, setScenario] = useState<ScenarioId | undefined>(() =>
    available(view.defaultScenario) ? view.defaultScenario : view.scenarios.find((s) => !s.unavailable)?.id,
  );
  const [step, setStep] = useState<Step>('identify');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ResultKey | 'expired' | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const pinId = useId();
  const pinHintId = useId();
  usePostHeight(root);

  const chosen = view.scenarios.find((s) => s.id === scenario);
  // Applying as someone Flexiti already knows: the widget verifies, then `/apply` refuses.
  const alreadyKnown = view.flow === 'apply' && view.account !== null;

  useEffect(() => {
    if (step === 'verify') pinRef.current?.focus();
    if (step === 'done') resultRef.current?.focus();
  }, [step]);

  function showError(message: string) {
    setError(message);
    requestAnimationFrame(() => errorRef.current?.focus());
  }

  async function send(id: ScenarioId) {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(outcomeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: id, ...(pin ? { pin } : {}) }),
      });
      const body = (await res.json().catch(() => null)) as (Message & { error?: string; message?: string }) | null;
      if (!res.ok || !body?.eventType) {
        showError(
          body?.error === 'wrong_pin' ? t('wrongPin', { pin: view.testData.pin }) : (body?.message ?? t('unreachable')),
        );
        return;
      }
      const message: Message = body.eventData
        ? { eventType: body.eventType, eventData: body.eventData }
        : { eventType: body.eventType };
      // The widget posts with target origin '*'; the merchant checks event.origin (docs/partners/flexiti.md).
      if (window.parent !== window) window.parent.postMessage(message, '*');
      setResult(resultKey(id, message.eventType, alreadyKnown));
      setStep('done');
    } catch {
      showError(t('unreachable'));
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!scenario) return;
    if (chosen?.needsPin && step === 'identify') {
      setStep('verify');
      return;
    }
    if (chosen?.needsPin && !/^\d{4}$/.test(pin)) {
      showError(t('pinMissing'));
      return;
    }
    void send(scenario);
  }

  const stepNumber = step === 'identify' ? 1 : step === 'verify' ? 2 : 3;
  const closed = view.state !== 'open' && step !== 'done';

  return (
    <div ref={root} className="p-3">
      <section aria-labelledby="flexiti-title" className="rounded-2xl border border-slate-200 bg-white shadow-sm">
        <header className="flex items-center justify-between gap-2 rounded-t-2xl bg-[#00263e] px-4 py-3 text-white">
          <div>
            <h1 id="flexiti-title" className="text-xl font-extrabold tracking-tight">
              {t('brand')}
            </h1>
            <p className="text-xs text-sky-100">{t('tagline')}</p>
          </div>
          <span className="rounded-full bg-amber-300 px-2 py-0.5 text-xs font-bold text-slate-900">{t('sandbox')}</span>
        </header>

        <div className="space-y-3 p-4">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            {t('step', { n: String(stepNumber), name: t(`steps.${step === 'done' ? 'decision' : step}`) })}
          </p>

          {closed ? (
            <p role="status" className="rounded-lg bg-slate-100 p-3">
              {view.state === 'expired' ? t('expired') : t('ended')}
            </p>
          ) : step === 'done' && result ? (
            <Result t={t} result={result} amount={money.format(view.approvedCredit)} headingRef={resultRef} />
          ) : (
            <form onSubmit={onSubmit} className="space-y-3" noValidate>
              <p className="text-lg font-bold">{view.flow === 'apply' ? t('applyTitle') : t('purchaseTitle')}</p>
              {step === 'identify' ? (
                <Identified t={t} view={view} alreadyKnown={alreadyKnown} money={money} />
              ) : (
                <div className="space-y-1">
                  <p className="text-sm">
                    {view.phoneLast4 ? t('pinIntro', { last4: view.phoneLast4 }) : t('pinIntroNoPhone')}
                  </p>
                  <label htmlFor={pinId} className="block font-semibold">
                    {t('pin')}
                  </label>
                  <input
                    ref={pinRef}
                    id={pinId}
                    name="pin"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={4}
                    value={pin}
                    onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
                    aria-describedby={pinHintId}
                    aria-invalid={error ? true : undefined}
                    className="h-12 w-32 rounded-lg border border-slate-400 px-3 text-center text-xl tracking-[0.5em]"
                  />
                  <p id={pinHintId} className="text-sm text-slate-600">
                    {t('pinHint', { pin: view.testData.pin })}
                  </p>
                </div>
              )}

              {error ? (
                <p ref={errorRef} tabIndex={-1} role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
                  {error}
                </p>
              ) : null}

              <div className="flex gap-2">
                <button
                  type="submit"
                  disabled={busy || !scenario}
                  className="h-12 flex-1 rounded-full bg-[#00a3e0] px-4 font-bold text-slate-950 hover:bg-[#0090c6] disabled:opacity-60"
                >
                  {busy ? t('sending') : t('continue')}
                </button>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void send('cancel')}
                  className="h-12 flex-1 rounded-full border border-slate-400 px-4 font-semibold text-slate-800 hover:bg-slate-100 disabled:opacity-60"
                >
                  {t('cancel')}
                </button>
              </div>

              <ScenarioDrawer
                t={t}
                view={view}
                alreadyKnown={alreadyKnown}
                scenario={scenario}
                onScenario={setScenario}
                disabled={busy}
              />
            </form>
          )}
        </div>
      </section>
    </div>
  );
}

function resultKey(id: ScenarioId, eventType: string, alreadyKnown: boolean): ResultKey | 'expired' {
  // The server answers a failure for any choice once the session's token has expired.
  if (eventType === 'flx-failure' && id !== 'failure') return 'expired';
  if (id === 'apply-approved' && alreadyKnown) return 'apply-submitted';
  return id;
}

function Identified({
  t,
  view,
  alreadyKnown,
  money,
}: {
  t: WidgetT;
  view: WidgetView;
  alreadyKnown: boolean;
  money: Intl.NumberFormat;
}) {
  const rows: [string, string][] = [];
  if (view.flow === 'purchase' && view.account) {
    rows.push([t('holder'), view.account.holder]);
    rows.push([t('account'), `•••• ${view.account.last4}`]);
    rows.push([t('available'), money.format(view.account.availableCredit)]);
  } else if (view.flow === 'apply') {
    if (view.person) rows.push([t('applicant'), view.person]);
    rows.push([t('limit'), t('upTo', { amount: money.format(view.approvedCredit) })]);
  } else if (view.person) {
    rows.push([t('applicant'), view.person]);
  }
  return (
    <div className="space-y-2">
      {rows.length ? (
        <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 text-sm">
          {rows.map(([k, v]) => (
            <div key={k} className="flex justify-between gap-3 px-3 py-2">
              <dt className="text-slate-600">{k}</dt>
              <dd className="text-right font-semibold">{v}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {view.flow === 'purchase' && !view.account ? <p className="text-sm">{t('noAccount')}</p> : null}
      {alreadyKnown ? <p className="text-sm">{t('existing', { name: view.person ?? '' })}</p> : null}
      <p className="rounded-lg bg-sky-50 p-2 text-xs text-slate-700">
        {t('terms')} {t('amountNote')}
      </p>
    </div>
  );
}

function Result({
  t,
  result,
  amount,
  headingRef,
}: {
  t: WidgetT;
  result: ResultKey | 'expired';
  amount: string;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  if (result === 'expired') {
    return (
      <p role="status" className="rounded-lg bg-slate-100 p-3">
        {t('expired')}
      </p>
    );
  }
  const good = result === 'verified-purchase' || result === 'apply-approved' || result === 'apply-submitted';
  return (
    <div role="status" className={`rounded-lg p-4 ${good ? 'bg-emerald-50' : 'bg-slate-100'}`}>
      <h2 ref={headingRef} tabIndex={-1} className="text-lg font-bold">
        {t(`result.${result}.title`)}
      </h2>
      <p className="mt-1 text-sm">{t(`result.${result}.body`, { amount, terms: t('terms') })}</p>
      <p className="mt-2 text-sm text-slate-600">{t('returning')}</p>
    </div>
  );
}
