'use client';

import { useEffect } from 'react';

const KEY = 'store:signed-in';

/** Called just before sign-in loads the page it returns to (components/auth/sign-in-flow.tsx). */
export function markSignedIn() {
  try {
    sessionStorage.setItem(KEY, '1');
  } catch {
    // Storage refused (private mode): focus simply stays where the browser puts it.
  }
}

/**
 * After sign-in the store reloads the page the customer came from, and the browser leaves the focus
 * on <body>: a screen reader hears nothing and a keyboard starts again from the top. Once, right
 * after sign-in, the page's heading takes the focus instead (made focusable for this only).
 */
export function FocusAfterSignIn() {
  useEffect(() => {
    let signedIn = false;
    try {
      signedIn = sessionStorage.getItem(KEY) === '1';
      sessionStorage.removeItem(KEY);
    } catch {
      return;
    }
    if (!signedIn) return;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading || document.activeElement !== document.body) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }, []);
  return null;
}
