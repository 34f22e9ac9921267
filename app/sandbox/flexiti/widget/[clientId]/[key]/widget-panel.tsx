'use client';

import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { WIDGET_HEIGHT_MESSAGE } from '@/lib/partners/flexiti/browser';
import type { ScenarioId } from '@/lib/sandbox/flexiti/scenarios';
import type { WidgetView } from '@/lib/sandbox/flexiti/widget-sessions';
import { Identified } from './identified';
import { PinField, WidgetHeader } from './pin-field';
import { ScenarioDrawer } from './scenario-drawer';
import { WidgetResult } from './widget-result';
import { resultKey, widgetTranslator, type ResultKey } from './widget-text';

type Message = { eventType: string; eventData?: Record<string, unknown> };
type Step = 'identify' | 'verify' | 'done';

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
        <WidgetHeader t={t} />

        <div className="space-y-3 p-4">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            {t('step', { n: String(stepNumber), name: t(`steps.${step === 'done' ? 'decision' : step}`) })}
          </p>

          {closed ? (
            <p role="status" className="rounded-lg bg-slate-100 p-3">
              {view.state === 'expired' ? t('expired') : t('ended')}
            </p>
          ) : step === 'done' && result ? (
            <WidgetResult t={t} result={result} amount={money.format(view.approvedCredit)} headingRef={resultRef} />
          ) : (
            <form onSubmit={onSubmit} className="space-y-3" noValidate>
              <p className="text-lg font-bold">{view.flow === 'apply' ? t('applyTitle') : t('purchaseTitle')}</p>
              {step === 'identify' ? (
                <Identified t={t} view={view} alreadyKnown={alreadyKnown} money={money} />
              ) : (
                <PinField t={t} view={view} pin={pin} onPin={setPin} invalid={Boolean(error)} inputRef={pinRef} />
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
