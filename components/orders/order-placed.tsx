'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * The "Order placed" moment right after paying (the checkout comes here with `?placed=1`). It takes
 * focus, so a screen reader announces it, and drops the query so a reload shows the plain order.
 *
 * The query is dropped through Next's own history integration (a state without Next's marker), so
 * the router's URL loses it too: the page's auto-refresh would otherwise fetch `?placed=1` again and
 * put it back in the address bar. The page renders this for every paid order with `placed` from the
 * query; what was shown stays shown for this visit, though a refresh no longer asks for it. The
 * query is dropped even when nothing is shown (an order refunded before its page first rendered).
 */
export function OrderPlaced({ placed, children }: { placed: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [shown] = useState(placed);
  useEffect(() => {
    if (shown) ref.current?.focus();
    const url = new URL(window.location.href);
    if (!url.searchParams.has('placed')) return;
    url.searchParams.delete('placed');
    window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  }, [shown]);
  if (!shown) return null;
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
