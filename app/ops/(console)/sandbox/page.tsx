import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Notice, PageTitle } from '@/components/ops/ui';
import { buttonClass, InputField, SelectField } from '@/components/ui/form-fields';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { listProductNames } from '@/lib/catalog/queries';
import { requireStaff } from '@/lib/ops/access';
import { clockOffsetMs } from '@/lib/sandbox/clock';
import { getControls } from '@/lib/sandbox/controls';
import { currentReadings } from '@/lib/sandbox/options';
import { ultraOptions } from '@/lib/sandbox/ultra/options';
import { PERSONAS } from '@/lib/sandbox/ultra/personas';
import { PartnerControls } from './partner-controls';
import { advanceSandboxClock, createSandboxTestOrder, resetSandbox, changePersonaMobile } from './actions';

export const metadata: Metadata = { title: 'Sandbox controls' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const OK: Record<string, string> = {
  controls: 'Latency and error rate saved.',
  forced: 'Forced error set.',
  cleared: 'Forced error cleared.',
  reset: 'Sandbox reset: partner state, customers, orders, outbox and call log are empty; the sandboxes are re-seeded.',
  clock: 'Sandbox clock moved forward.',
  reading: 'Setting saved: the sandbox answers that way from the next call.',
  mobile: 'Mobile number saved: that persona’s next sign-in gets the identity token that goes with it.',
};

export default async function OpsSandboxPage({ searchParams }: { searchParams: Search }) {
  await requireStaff('/ops/sandbox');
  if (!getConfig().sandbox) notFound();
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  const db = await getDb();
  const [controls, offset, catalog, readings, ultra] = await Promise.all([
    getControls(db),
    clockOffsetMs(db),
    listProductNames(db),
    currentReadings(db),
    ultraOptions(db),
  ]);
  const changedMobiles = Object.entries(ultra.changedMobiles);
  const personaOptions = PERSONAS.map((p) => ({ value: p.id, label: p.label }));
  const ok = OK[one(q.ok)];
  return (
    <>
      <PageTitle lead="Faults and time for the built-in partner sandboxes. Everything here is stored in the database, so every app instance sees it.">
        Sandbox controls
      </PageTitle>
      {ok ? <Notice kind="ok">{ok}</Notice> : null}
      {one(q.error) ? <Notice kind="error">Not changed. {one(q.detail)}</Notice> : null}

      <section aria-labelledby="partners-h" className="mb-8">
        <h2 id="partners-h" className="mb-3 text-lg font-semibold">
          Partners
        </h2>
        <ul className="grid gap-4 lg:grid-cols-2">
          {controls.map((c) => (
            <PartnerControls key={c.partner} c={c} readings={readings} />
          ))}
        </ul>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="clock-h" className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="clock-h" className="font-semibold">
            Sandbox clock
          </h2>
          <p className="mb-3 text-sm text-slate-700" data-testid="clock-offset">
            Sandbox time is {Math.round(offset / 86_400_000)} day(s) ahead of real time. Move it past the{' '}
            {getConfig().returnWindowDays}-day return window to see orders fulfilled.
          </p>
          <form action={advanceSandboxClock} className="flex items-end gap-2">
            <InputField
              id="days"
              name="days"
              label="Days forward"
              type="number"
              min={1}
              max={400}
              defaultValue={getConfig().returnWindowDays + 1}
            />
            <button type="submit" className={buttonClass}>
              Move clock
            </button>
          </form>
        </section>

        <section aria-labelledby="test-order-h" className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="test-order-h" className="font-semibold">
            Test order (payment skipped)
          </h2>
          <p className="mb-3 text-sm text-slate-700">
            A confirmed order for a persona without the Flexiti step: the fulfilment jobs (OpenTV, OMS) run for real.
          </p>
          <form action={createSandboxTestOrder} className="grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
            <SelectField id="persona" label="Persona" options={personaOptions} />
            <SelectField
              id="product"
              label="Product"
              options={catalog.map((p) => ({ value: p.slug, label: p.name }))}
            />
            <button type="submit" className={buttonClass}>
              Create
            </button>
          </form>
        </section>

        <section aria-labelledby="mobile-h" className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="mobile-h" className="font-semibold">
            Flipkart mobile number change
          </h2>
          <p className="mb-3 text-sm text-slate-700" data-testid="changed-mobiles">
            A persona who changes the mobile number of their Flipkart account gets another identity token, so their next
            sign-in is a new customer; their earlier orders keep their token.{' '}
            {changedMobiles.length
              ? `Changed now: ${changedMobiles.map(([id, number]) => `${id} → ${number}`).join(', ')}.`
              : 'No persona has changed theirs.'}
          </p>
          <form action={changePersonaMobile} className="grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
            <SelectField id="mobile-persona" name="persona" label="Persona" options={personaOptions} />
            <InputField
              id="mobile-number"
              name="mobile"
              label="New mobile (empty: the original)"
              inputMode="numeric"
              autoComplete="off"
              pattern="[6-9][0-9]{9}"
            />
            <button type="submit" className={buttonClass}>
              Change
            </button>
          </form>
        </section>

        <section aria-labelledby="oms-h" className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="oms-h" className="font-semibold">
            Flipkart My Orders
          </h2>
          <p className="mb-3 text-sm text-slate-700">What Flipkart shows the customer, as the OMS sandbox holds it.</p>
          <Link href="/sandbox/ultra/oms/my-orders" className="text-brand-700 underline">
            Open Flipkart My Orders (sandbox)
          </Link>
        </section>

        <section aria-labelledby="reset-h" className="rounded-xl border border-red-200 bg-white p-4">
          <h2 id="reset-h" className="font-semibold">
            Reset the sandbox
          </h2>
          <p className="mb-3 text-sm text-slate-700">
            Empties every sandbox partner&apos;s state, the controls and the clock, and the store&apos;s customers,
            orders, outbox and call log; re-seeds the sandboxes. The catalog and this audit trail stay.
          </p>
          <form action={resetSandbox} className="flex items-end gap-2">
            <InputField
              id="confirm"
              name="confirm"
              label="Type RESET to confirm"
              required
              pattern="RESET"
              autoComplete="off"
            />
            <button
              type="submit"
              className="inline-flex min-h-10 items-center rounded-lg bg-red-700 px-4 text-sm font-semibold text-white hover:bg-red-800"
            >
              Reset
            </button>
          </form>
        </section>
      </div>
    </>
  );
}
