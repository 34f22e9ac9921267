'use client';

import { useState } from 'react';

/** Copies `text` to the clipboard and says so (the text is also on the page to copy by hand). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={() => void copy()}
        className="inline-flex min-h-10 items-center rounded-lg border border-slate-300 bg-white px-3 text-xs font-semibold text-slate-900 hover:bg-slate-100"
      >
        {label}
      </button>
      <span role="status" className="text-xs text-slate-600">
        {state === 'copied' ? 'Copied.' : state === 'failed' ? 'The browser refused; select the text instead.' : ''}
      </span>
    </span>
  );
}
