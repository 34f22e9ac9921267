'use client';

import { lazy, Suspense, useState } from 'react';
import { translatorFor } from '@/lib/i18n/fill-message';
import type { SignInProps } from './sign-in-flow';
import { SignInButton, signInBoxClass } from './sign-in-button';
import { useHydrated } from './use-hydrated';

// The flow (SDK adapter, messages, panels) is its own chunk, fetched at the first tap: the button
// is on every store page and most visits never sign in.
const SignInFlow = lazy(() => import('./sign-in-flow').then((m) => ({ default: m.SignInFlow })));

/**
 * "Continue with Flipkart" before it is used: the button alone. A tap loads the flow, which takes
 * the button's place and starts at once. A page that opens with an error (the sign-in page after a
 * refused grant) loads the flow straight away to show it.
 */
export function SignInLazy(props: SignInProps) {
  const variant = props.variant ?? 'page';
  const label = translatorFor(props.messages)('button');
  // Enabled once hydrated: a tap before React is ready would otherwise do nothing.
  const ready = useHydrated();
  const [tapped, setTapped] = useState(false);
  if (tapped || props.initialError) {
    return (
      <Suspense
        fallback={
          <div className={signInBoxClass(variant)}>
            <SignInButton variant={variant} label={label} busy />
          </div>
        }
      >
        <SignInFlow {...props} startNow={tapped} />
      </Suspense>
    );
  }
  return (
    <div className={signInBoxClass(variant)}>
      <SignInButton variant={variant} label={label} disabled={!ready} onClick={() => setTapped(true)} />
    </div>
  );
}
