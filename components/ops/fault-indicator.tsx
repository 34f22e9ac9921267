'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';

export interface FaultMark {
  partner: string;
  label: string;
  summary: string;
}

/**
 * The mark on every ops page while a sandbox fault is on: which partner, what it does, and a
 * one-tap Clear that returns to the same page. The console's layout renders it once; it asks
 * again on every move between pages and after every action (app/api/ops/sandbox-faults), so it is
 * never stale.
 */
export function FaultIndicator({ initial, clear }: { initial: FaultMark[]; clear: (form: FormData) => Promise<void> }) {
  const pathname = usePathname();
  // Every console action answers with a new query (?ok=…), so a change made here is seen at once.
  const query = useSearchParams().toString();
  // What the last ask said, and for which render of the layout: a newer render (after an action) wins.
  const [asked, setAsked] = useState<{ since: FaultMark[]; faults: FaultMark[] } | null>(null);
  const faults = asked && asked.since === initial ? asked.faults : initial;
  useEffect(() => {
    let live = true;
    fetch('/api/ops/sandbox-faults', { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<{ faults: FaultMark[] }>) : null))
      .then((body) => {
        if (live && body) setAsked({ since: initial, faults: body.faults });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [pathname, query, initial]);
  if (!faults.length) return null;
  return (
    <section
      aria-label="Sandbox faults in force"
      className="border-b-2 border-amber-500 bg-amber-100 text-amber-950"
      data-testid="fault-indicator"
    >
      <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-1.5 text-sm">
        <strong>
          ⚠ {faults.length} sandbox fault{faults.length === 1 ? '' : 's'} on: partner calls fail on purpose
        </strong>
        <ul className="flex flex-wrap gap-2">
          {faults.map((f) => (
            <li
              key={f.partner}
              className="flex items-center gap-2 rounded-full bg-white px-3 py-0.5 ring-1 ring-amber-400"
            >
              <span data-testid="fault-mark">
                {f.label}: {f.summary}
              </span>
              <form action={clear}>
                <input type="hidden" name="partner" value={f.partner} />
                <input type="hidden" name="returnTo" value={pathname} />
                <button
                  type="submit"
                  className="min-h-11 min-w-11 rounded-full px-2 font-semibold text-amber-900 underline hover:bg-amber-50"
                  aria-label={`Clear the fault on ${f.label}`}
                >
                  Clear
                </button>
              </form>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
