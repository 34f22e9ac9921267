'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The "Order placed" moment right after paying (the checkout comes here with `?placed=1`). It takes
 * focus, so a screen reader announces it, and drops the query so a reload shows the plain order.
 */
export function OrderPlaced({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
    const url = new URL(window.location.href);
    url.searchParams.delete('placed');
    // A null state, so Next's router takes the new URL as its own: with Next's own history state
    // it would not, and the next refresh (AutoRefresh) would put `?placed=1` back into the address.
    window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  }, []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="status"
      data-testid="order-placed"
      className="scroll-mt-32 rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-emerald-950"
    >
      {children}
    </div>
  );
}
