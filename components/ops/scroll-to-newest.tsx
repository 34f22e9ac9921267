'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A scrolling box that keeps its newest (bottom) content in view whenever `count` grows, so a live
 * diagram's latest arrow never lands below the fold. Focusable, so keyboard users can scroll it.
 * It scrolls both ways (a diagram is wider than a phone), so the diagram's sticky lane names stay
 * at its top. `className` sizes it (default: at most 65% of the screen's height).
 */
export function ScrollToNewest({
  count,
  label,
  children,
  className = 'max-h-[65vh]',
}: {
  count: number;
  label: string;
  children: ReactNode;
  className?: string;
}) {
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
      className={`overflow-auto overscroll-contain rounded-lg ${className}`}
    >
      {children}
    </div>
  );
}
