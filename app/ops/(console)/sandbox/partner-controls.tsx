import { buttonClass, InputField, secondaryButtonClass, SelectField } from '@/components/ui/form-fields';
import {
  faultSummary,
  FORCED_ERROR_PRESETS,
  forcedUntilCleared,
  type getControls,
  PARTNER_LABELS,
} from '@/lib/sandbox/controls';
import type { currentReadings } from '@/lib/sandbox/options';
import { clearSandboxError, forceSandboxError, saveSandboxControls, saveSandboxReading } from './actions';

type Controls = Awaited<ReturnType<typeof getControls>>[number];
type Readings = Awaited<ReturnType<typeof currentReadings>>;

/** One partner's card: its latency and error rate, a forced error, and its settings. */
export function PartnerControls({ c, readings }: { c: Controls; readings: Readings }) {
  const faulted = faultSummary(c) !== null;
  const forced = c.forcedError;
  const untilCleared = forced ? forcedUntilCleared(forced) : false;
  return (
    <li
      className={`rounded-xl border bg-white p-4 ${faulted ? 'border-2 border-amber-500 bg-amber-50/40' : 'border-slate-200'}`}
      data-testid={`controls-${c.partner}`}
    >
      <h3 className="flex flex-wrap items-center gap-2 font-semibold">
        {PARTNER_LABELS[c.partner]}
        {faulted ? (
          <span className="rounded-full bg-amber-200 px-2 py-0.5 text-xs font-semibold text-amber-950">Fault on</span>
        ) : null}
      </h3>
      <p className="mb-3 text-sm text-slate-700" data-testid="forced-state">
        {forced
          ? `Forcing ${forced.status}${forced.match ? ` on ${forced.match}` : ''} ${untilCleared ? 'until cleared' : `for the next ${forced.times} call(s)`}.`
          : 'No forced error.'}{' '}
        Latency {c.latencyMs} ms, error rate {c.errorRatePct}%.
      </p>
      <form
        key={`${c.latencyMs}/${c.errorRatePct}`}
        action={saveSandboxControls}
        className="mb-3 grid grid-cols-2 items-end gap-2 sm:grid-cols-[1fr_1fr_auto]"
      >
        <input type="hidden" name="partner" value={c.partner} />
        <InputField
          id={`lat-${c.partner}`}
          name="latencyMs"
          label="Added latency (ms)"
          type="number"
          min={0}
          max={30000}
          defaultValue={c.latencyMs}
        />
        <InputField
          id={`rate-${c.partner}`}
          name="errorRatePct"
          label="Error rate (%)"
          type="number"
          min={0}
          max={100}
          defaultValue={c.errorRatePct}
        />
        <button type="submit" className={secondaryButtonClass}>
          Save
        </button>
      </form>
      {readings
        .filter((r) => r.reading.partner === c.partner)
        .map(({ reading, chosen }) => (
          <form
            key={reading.key}
            action={saveSandboxReading}
            className="mb-3 grid grid-cols-[1fr_auto] items-end gap-2"
            data-testid={`reading-${c.partner}-${reading.key}`}
          >
            <input type="hidden" name="partner" value={c.partner} />
            <input type="hidden" name="key" value={reading.key} />
            <SelectField
              id={`reading-${c.partner}-${reading.key}`}
              name="value"
              label={reading.label}
              value={chosen ?? 'configured'}
              options={[
                {
                  value: 'configured',
                  label: `As configured (${reading.choices.find((x) => x.value === reading.configured())?.label ?? reading.configured()})`,
                },
                ...reading.choices,
              ]}
            />
            <button
              type="submit"
              className={secondaryButtonClass}
              aria-label={`Save ${reading.label} of ${PARTNER_LABELS[c.partner]}`}
            >
              Save
            </button>
          </form>
        ))}
      {/* Keyed on the active setting, so after a change the form shows what is in force, not its defaults. */}
      <form action={forceSandboxError} className="grid gap-2" key={JSON.stringify(forced)}>
        <input type="hidden" name="partner" value={c.partner} />
        <SelectField
          id={`preset-${c.partner}`}
          name="preset"
          label="Forced error"
          options={FORCED_ERROR_PRESETS[c.partner].map((p) => ({ value: p.id, label: p.label }))}
          value={forced?.preset}
        />
        <fieldset className="flex flex-wrap items-center gap-3 text-sm">
          <legend className="sr-only">How long</legend>
          <label className="flex items-center gap-1">
            <input type="radio" name="mode" value="times" defaultChecked={!untilCleared} /> for the next
          </label>
          <label htmlFor={`times-${c.partner}`} className="sr-only">
            Number of calls
          </label>
          <input
            id={`times-${c.partner}`}
            name="times"
            type="number"
            min={1}
            max={1000}
            defaultValue={forced && !untilCleared ? forced.times : 1}
            className="min-h-10 w-20 rounded-lg border border-slate-400 px-2"
          />
          <span>call(s)</span>
          <label className="flex items-center gap-1">
            <input type="radio" name="mode" value="until-cleared" defaultChecked={untilCleared} /> until cleared
          </label>
        </fieldset>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass} aria-label={`Force error on ${PARTNER_LABELS[c.partner]}`}>
            Force error
          </button>
          {c.forcedError ? (
            <button
              type="submit"
              formAction={clearSandboxError}
              className={secondaryButtonClass}
              aria-label={`Clear forced error on ${PARTNER_LABELS[c.partner]}`}
            >
              Clear
            </button>
          ) : null}
        </div>
      </form>
    </li>
  );
}
