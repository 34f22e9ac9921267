'use client';

import type { ScenarioId } from '@/lib/sandbox/flexiti/scenarios';
import type { WidgetView } from '@/lib/sandbox/flexiti/widget-sessions';
import { WIDGET_MESSAGES } from './messages';
import type { WidgetT } from './widget-text';

/**
 * The sandbox's only non-Flexiti part: a collapsed drawer where QA or sales choose what Flexiti
 * decides, in plain words, with the sandbox's test accounts and PIN beside them.
 */
export function ScenarioDrawer({
  t,
  view,
  alreadyKnown,
  scenario,
  onScenario,
  disabled,
}: {
  t: WidgetT;
  view: WidgetView;
  alreadyKnown: boolean;
  scenario: ScenarioId | undefined;
  onScenario: (id: ScenarioId) => void;
  disabled: boolean;
}) {
  const notes: Record<string, string> = WIDGET_MESSAGES[view.lang].drawer.notes;
  const label = (id: ScenarioId) =>
    id === 'apply-approved' && alreadyKnown
      ? t('scenario.apply-anyway')
      : t(`scenario.${id as Exclude<ScenarioId, 'cancel'>}`);
  return (
    <details className="rounded-lg border border-dashed border-amber-500 bg-amber-50 text-sm">
      <summary className="flex min-h-11 cursor-pointer items-center gap-1 px-3 font-semibold text-amber-950">
        <span className="shrink-0">
          {t('drawer.summary')}
          {scenario ? ':' : ''}
        </span>
        {scenario ? <span className="min-w-0 truncate font-normal">{label(scenario)}</span> : null}
      </summary>
      <div className="space-y-3 px-3 pb-3">
        <fieldset className="space-y-1">
          <legend className="mb-1 font-semibold">{t('drawer.legend')}</legend>
          {view.scenarios.map((s) => {
            const id = `scenario-${s.id}`;
            return (
              <div key={s.id} className="flex min-h-11 items-center gap-2">
                <input
                  type="radio"
                  id={id}
                  name="scenario"
                  value={s.id}
                  checked={scenario === s.id}
                  disabled={!!s.unavailable || disabled}
                  onChange={() => onScenario(s.id)}
                  className="h-5 w-5 shrink-0 accent-amber-700"
                />
                <label htmlFor={id} className={s.unavailable ? 'text-slate-500' : ''}>
                  {label(s.id)}
                  {s.unavailable ? ` (${t(`drawer.unavailable.${s.unavailable}`)})` : ''}
                </label>
              </div>
            );
          })}
        </fieldset>
        <div>
          <p className="font-semibold">{t('drawer.testData')}</p>
          <p>{t('drawer.pinIs', { pin: view.testData.pin })}</p>
          <p className="mt-1">{t('drawer.accounts')}</p>
          <ul className="ml-4 list-disc">
            {view.testData.accounts.map((a) => (
              <li key={a.accountNumber}>
                <span className="font-mono">{a.accountNumber}</span> {a.holder}: {notes[a.accountNumber] ?? ''}
              </li>
            ))}
          </ul>
          <p className="mt-1">{t('drawer.applicants', { pin: view.testData.pin })}</p>
        </div>
      </div>
    </details>
  );
}
