'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A scrolling box that keeps its newest (bottom) content in view whenever `count` grows, so a live
 * diagram's latest arrow never lands below the fold. Focusable, so keyboard users can scroll it.
 */
export function ScrollToNewest({ count, label, children }: { count: number; label: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count]);
  return (
    <div
      ref={box}
      role="region"
      aria-label={label}
      tabIndex={0}
      data-testid="diagram-scroll"
      className="max-h-[65vh] overflow-y-auto rounded-lg"
    >
      {children}
    </div>
  );
}
