'use client';

import { useEffect, useState } from 'react';

/**
 * What the customer is paying, in one line that sticks just below the store's sticky header while
 * the Flexiti widget is open: the widget shows no amount (widget/init carries none,
 * docs/partners/flexiti.md#widget-init), so without this the PIN step asks to confirm a payment with the
 * amount scrolled away. The header's height changes with its wrapping (a phone puts the account
 * links on a second line), so it is measured, not guessed.
 */
export function PayingLine({ text }: { text: string }) {
  const [top, setTop] = useState(0);
  useEffect(() => {
    const header = document.querySelector<HTMLElement>('header');
    if (!header) return;
    const measure = () => setTop(header.getBoundingClientRect().height);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(header);
    return () => observer.disconnect();
  }, []);
  return (
    <p
      className="sticky z-30 -mx-4 border-b border-slate-200 bg-white px-4 py-2 font-semibold text-slate-900 sm:mx-0 sm:rounded-lg sm:border"
      style={{ top }}
      data-testid="paying"
    >
      {text}
    </p>
  );
}
