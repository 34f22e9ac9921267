'use client';

import { useId, useState, type ReactNode } from 'react';

/** "Show unfinished attempts": checkouts that took no money stay out of the way until asked for. */
export function UnfinishedAttempts({
  showLabel,
  hideLabel,
  children,
}: {
  showLabel: string;
  hideLabel: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="space-y-3">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((v) => !v)}
        className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 font-semibold text-slate-800 hover:bg-slate-50"
      >
        {open ? hideLabel : showLabel}
      </button>
      <div id={id} hidden={!open}>
        {children}
      </div>
    </div>
  );
}
