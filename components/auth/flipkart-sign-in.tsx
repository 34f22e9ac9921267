'use client';

import { useState } from 'react';
import { useHydrated } from './use-hydrated';
import { signInWithFlipkart } from '@/lib/auth/actions';
import type { SignInFailure } from '@/lib/auth/errors';
import {
  FlipkartAppRequired,
  getGrantToken,
  SDK_ERROR,
  SdkRejection,
  type ScopeRequest,
} from '@/lib/partners/ultra/sdk';

/** What we ask Flipkart for, and why (shown when a scope is denied; contracts/ultra.md §7.4 "explain why"). */
const SCOPES: { scope: string; label: string; why: string }[] = [
  { scope: 'user.name', label: 'name', why: 'to greet you and put your name on your plan' },
  { scope: 'user.email', label: 'email address', why: 'to send your receipts and your plan’s activation link' },
  { scope: 'user.mobile', label: 'mobile number', why: 'so we can reach you about your order' },
];
const REQUEST: ScopeRequest[] = SCOPES.map((s) => ({ scope: s.scope, isMandatory: false, shouldVerify: false }));

type State =
  | { step: 'idle' }
  | { step: 'asking' }
  | { step: 'signing-in' }
  | { step: 'denied'; grantToken: string; denied: typeof SCOPES }
  | { step: 'dismissed' }
  | { step: 'app-required' }
  | { step: 'sdk-failed'; code: number }
  | { step: 'failed'; code: SignInFailure };

const FAILURE_TEXT: Record<SignInFailure, string> = {
  bad_grant: 'Flipkart could not confirm this sign-in: the approval expired or was already used. Please try again.',
  partner_down: 'Flipkart sign-in is not responding right now. Please try again in a moment.',
  partner_rejected:
    'We could not complete sign-in with Flipkart. Please try again; if it keeps happening, we are on it.',
  invalid_request: 'Flipkart did not send a usable sign-in. Please try again.',
  unknown: 'Something went wrong while signing you in. Please try again.',
};

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * "Continue with Flipkart": asks Flipkart for a grant token through the SDK adapter, hands it to
 * the server (Auth.js Flipkart provider) and returns to `returnTo`. Dismissed sheet, denied
 * scopes, a refused grant and Flipkart being down each get a clear message and a retry.
 */
export function FlipkartSignIn(props: {
  sandbox: boolean;
  clientId: string;
  returnTo?: string;
  variant?: 'header' | 'page';
  initialError?: SignInFailure;
}) {
  const { sandbox, clientId, variant = 'page' } = props;
  const [state, setState] = useState<State>(
    props.initialError ? { step: 'failed', code: props.initialError } : { step: 'idle' },
  );
  const busy = state.step === 'asking' || state.step === 'signing-in';
  // Enabled once hydrated: a tap before React is ready would otherwise do nothing.
  const ready = useHydrated();

  async function complete(grantToken: string) {
    setState({ step: 'signing-in' });
    try {
      const returnTo = props.returnTo ?? `${window.location.pathname}${window.location.search}`;
      const result = await signInWithFlipkart(grantToken, returnTo);
      if (result.ok) {
        window.location.assign(result.redirectTo);
        return;
      }
      setState({ step: 'failed', code: result.code });
    } catch {
      setState({ step: 'failed', code: 'partner_down' });
    }
  }

  async function start() {
    setState({ step: 'asking' });
    try {
      const { grantToken, result } = await getGrantToken(REQUEST, { clientId, sandbox });
      const denied = SCOPES.filter((s) => result[s.scope] !== true);
      if (denied.length) setState({ step: 'denied', grantToken, denied });
      else await complete(grantToken);
    } catch (e) {
      if (e instanceof FlipkartAppRequired) setState({ step: 'app-required' });
      else if (e instanceof SdkRejection && e.code === SDK_ERROR.USER_DISMISS) setState({ step: 'dismissed' });
      else setState({ step: 'sdk-failed', code: e instanceof SdkRejection ? e.code : SDK_ERROR.UNKNOWN });
    }
  }

  const panel = (() => {
    switch (state.step) {
      case 'dismissed':
        return {
          tone: 'info' as const,
          text: 'You closed the Flipkart sheet, so you are not signed in yet. Sign-in takes one tap.',
          retry: 'Try again',
        };
      case 'app-required':
        return {
          tone: 'info' as const,
          text: 'Sign-in with Flipkart works in the Flipkart app. Open this store from the Flipkart app to sign in.',
        };
      case 'sdk-failed':
        return {
          tone: 'error' as const,
          text: `Flipkart could not open the sign-in sheet (error ${state.code}). Please try again.`,
          retry: 'Try again',
        };
      case 'failed':
        return { tone: 'error' as const, text: FAILURE_TEXT[state.code], retry: 'Try again' };
      default:
        return null;
    }
  })();

  const panelClass =
    variant === 'header'
      ? 'absolute right-0 top-full z-50 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg'
      : 'mt-4 rounded-lg border border-slate-200 bg-white p-4 text-sm';

  return (
    <div className={variant === 'header' ? 'relative' : 'w-full max-w-md'}>
      <button
        type="button"
        onClick={start}
        disabled={!ready || busy}
        aria-busy={busy}
        className={
          variant === 'header'
            ? 'rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-70'
            : 'flex w-full items-center justify-center gap-2 rounded-lg bg-brand-600 px-4 py-3 text-base font-semibold text-white hover:bg-brand-700 disabled:opacity-70'
        }
      >
        Continue with Flipkart
      </button>
      <p role="status" className={busy && variant === 'page' ? 'mt-1 text-xs text-slate-600' : 'sr-only'}>
        {state.step === 'asking' ? 'Waiting for Flipkart…' : state.step === 'signing-in' ? 'Signing you in…' : ''}
      </p>

      {panel && (
        <div role={panel.tone === 'error' ? 'alert' : 'status'} className={panelClass} data-testid="sign-in-message">
          <p className={panel.tone === 'error' ? 'text-red-800' : 'text-slate-800'}>{panel.text}</p>
          <div className="mt-2 flex gap-2">
            {panel.retry && (
              <button
                type="button"
                onClick={start}
                className="rounded-md bg-brand-700 px-3 py-1.5 font-semibold text-white"
              >
                {panel.retry}
              </button>
            )}
            <button
              type="button"
              onClick={() => setState({ step: 'idle' })}
              className="rounded-md px-3 py-1.5 font-semibold text-slate-700 hover:bg-slate-100"
            >
              Close
            </button>
          </div>
        </div>
      )}

      {state.step === 'denied' && (
        <div role="status" className={panelClass} data-testid="sign-in-message">
          <p className="font-semibold text-slate-900">
            You did not share your {listOf(state.denied.map((d) => d.label))}.
          </p>
          <ul className="mt-1 list-disc pl-5 text-slate-700">
            {state.denied.map((d) => (
              <li key={d.scope}>
                We ask for your {d.label} {d.why}.
              </li>
            ))}
          </ul>
          <p className="mt-1 text-slate-700">You can continue without it, or share it now.</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <button
              type="button"
              onClick={start}
              className="rounded-md bg-brand-700 px-3 py-1.5 font-semibold text-white"
            >
              Share {listOf(state.denied.map((d) => d.label))}
            </button>
            <button
              type="button"
              onClick={() => complete(state.grantToken)}
              className="rounded-md border border-slate-300 px-3 py-1.5 font-semibold text-slate-800 hover:bg-slate-50"
            >
              Continue without it
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
