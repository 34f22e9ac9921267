'use client';

import { useEffect } from 'react';

/** Opens the `<details>` an in-page link points at (a diagram arrow → its call's request and response). */
export function OpenTargetDetails() {
  useEffect(() => {
    const open = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      const el = id ? document.getElementById(id) : null;
      if (!el) return;
      // Open every enclosing <details> (the demo wraps the call list in one more).
      for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
      el.scrollIntoView({ block: 'start' });
    };
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, []);
  return null;
}
