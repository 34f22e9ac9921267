'use client';

import { useEffect, useRef, useState } from 'react';
import { SignInButton, signInBoxClass } from './sign-in-button';
import { markSignedIn } from '@/components/ui/focus-after-sign-in';
import type { SignInFailure, SignInResult } from '@/lib/auth/errors';
import { translatorFor, type MessageTree } from '@/lib/i18n/fill-message';
import { intlLocale } from '@/lib/i18n/locales';
import {
  FlipkartAppRequired,
  getGrantToken,
  SDK_ERROR,
  SdkRejection,
  type ScopeRequest,
} from '@/lib/partners/ultra/browser';

/** The simulated Flipkart bridge, loaded only when the sandbox is on and we are outside the app. */
const installSandboxBridge = () => import('@/lib/sandbox/ultra/bridge').then((m) => m.installSandboxBridge());

/** What we ask Flipkart for; each is explained when denied (docs/partners/ultra.md#get-token "explain why"). */
const SCOPES = ['user.name', 'user.email', 'user.mobile'] as const;
type Scope = (typeof SCOPES)[number];
const REQUEST: ScopeRequest[] = SCOPES.map((scope) => ({ scope, isMandatory: false, shouldVerify: false }));
/** Message keys cannot contain dots (next-intl nesting). */
const key = (scope: Scope) => scope.replace('.', '_') as 'user_name' | 'user_email' | 'user_mobile';

/** The server's answer to a grant token (app/api/sign-in/flipkart/route.ts); a network failure throws. */
async function postSignIn(grantToken: string, returnTo: string): Promise<SignInResult> {
  const res = await fetch('/api/sign-in/flipkart', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grantToken, returnTo }),
  });
  const result = (await res.json().catch(() => null)) as SignInResult | null;
  return result && typeof result.ok === 'boolean' ? result : { ok: false, code: 'unknown' };
}

type State =
  | { step: 'idle' }
  | { step: 'asking' }
  | { step: 'signing-in' }
  | { step: 'denied'; grantToken: string; denied: Scope[] }
  | { step: 'dismissed' }
  | { step: 'app-required' }
  | { step: 'sdk-failed'; code: number }
  | { step: 'failed'; code: SignInFailure; retryAfterSeconds?: number };

export interface SignInProps {
  sandbox: boolean;
  clientId: string;
  returnTo?: string;
  variant?: 'header' | 'page';
  initialError?: SignInFailure;
  /** The `SignIn` messages in the page's language, from the server (components/auth/flipkart-sign-in.tsx). */
  messages: MessageTree;
  locale: string;
}

/**
 * "Continue with Flipkart" once tapped (components/auth/sign-in-lazy.tsx loads this module
 * then): asks Flipkart for a grant token through the SDK adapter, hands it to the server (Auth.js
 * Flipkart provider) and returns to `returnTo`. Dismissed sheet, denied scopes, a refused grant and
 * Flipkart being down each get a clear message and a retry. `startNow`: the tap that loaded it.
 */
export function SignInFlow(props: SignInProps & { startNow: boolean }) {
  const { sandbox, clientId, variant = 'page', locale } = props;
  // Strings from the server, not next-intl's client runtime: this control is on every store page.
  const t = translatorFor(props.messages);
  const listOf = (scopes: Scope[]) =>
    new Intl.ListFormat(intlLocale(locale), { type: 'conjunction' }).format(scopes.map((s) => t(`scope.${key(s)}`)));
  const [state, setState] = useState<State>(
    props.initialError ? { step: 'failed', code: props.initialError } : { step: 'idle' },
  );
  const busy = state.step === 'asking' || state.step === 'signing-in';
  const button = useRef<HTMLButtonElement>(null);
  const started = useRef(false);
  useEffect(() => {
    if (!props.startNow || started.current) return;
    started.current = true;
    // This button replaced the one that was tapped: keep the keyboard where the customer was.
    button.current?.focus();
    void start();
    // Once, for the tap that loaded this module; later taps call start() themselves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function complete(grantToken: string) {
    setState({ step: 'signing-in' });
    try {
      const returnTo = props.returnTo ?? `${window.location.pathname}${window.location.search}`;
      const result = await postSignIn(grantToken, returnTo);
      if (result.ok) {
        markSignedIn();
        window.location.assign(result.redirectTo);
        return;
      }
      setState({ step: 'failed', code: result.code, retryAfterSeconds: result.retryAfterSeconds });
    } catch {
      setState({ step: 'failed', code: 'partner_down' });
    }
  }

  async function start() {
    setState({ step: 'asking' });
    try {
      const { grantToken, result } = await getGrantToken(REQUEST, { clientId, sandbox, installSandboxBridge });
      const denied = SCOPES.filter((s) => result[s] !== true);
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
          text: t('dismissed'),
          retry: t('tryAgain'),
        };
      case 'app-required':
        return {
          tone: 'info' as const,
          text: t('appRequired'),
        };
      case 'sdk-failed':
        return {
          tone: 'error' as const,
          text: t('sdkFailed', { code: state.code }),
          retry: t('tryAgain'),
        };
      case 'failed':
        return {
          tone: 'error' as const,
          // Over the sign-in limit: when to retry, in whole minutes (at least one).
          text: t(`failure.${state.code}`, { minutes: Math.max(1, Math.ceil((state.retryAfterSeconds ?? 60) / 60)) }),
          retry: t('tryAgain'),
        };
      default:
        return null;
    }
  })();

  const panelClass =
    variant === 'header'
      ? 'absolute right-0 top-full z-50 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg'
      : 'mt-4 rounded-lg border border-slate-200 bg-white p-4 text-sm';

  return (
    <div className={signInBoxClass(variant)}>
      <SignInButton ref={button} variant={variant} label={t('button')} onClick={start} busy={busy} />
      <p role="status" className={busy && variant === 'page' ? 'mt-1 text-xs text-slate-600' : 'sr-only'}>
        {state.step === 'asking' ? t('waiting') : state.step === 'signing-in' ? t('signingIn') : ''}
      </p>

      {panel && (
        <div role={panel.tone === 'error' ? 'alert' : 'status'} className={panelClass} data-testid="sign-in-message">
          <p className={panel.tone === 'error' ? 'text-red-800' : 'text-slate-800'}>{panel.text}</p>
          <div className="mt-2 flex gap-2">
            {panel.retry && (
              <button
                type="button"
                onClick={start}
                className="min-h-11 rounded-md bg-brand-700 px-3 font-semibold text-white"
              >
                {panel.retry}
              </button>
            )}
            <button
              type="button"
              onClick={() => setState({ step: 'idle' })}
              className="min-h-11 rounded-md px-3 font-semibold text-slate-700 hover:bg-slate-100"
            >
              {t('close')}
            </button>
          </div>
        </div>
      )}

      {state.step === 'denied' && (
        <div role="status" className={panelClass} data-testid="sign-in-message">
          <p className="font-semibold text-slate-900">{t('deniedTitle', { list: listOf(state.denied) })}</p>
          <ul className="mt-1 list-disc pl-5 text-slate-700">
            {state.denied.map((d) => (
              <li key={d}>{t('deniedWhy', { label: t(`scope.${key(d)}`), why: t(`why.${key(d)}`) })}</li>
            ))}
          </ul>
          <p className="mt-1 text-slate-700">{t('deniedChoice')}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <button
              type="button"
              onClick={start}
              className="min-h-11 rounded-md bg-brand-700 px-3 font-semibold text-white"
            >
              {t('share', { list: listOf(state.denied) })}
            </button>
            <button
              type="button"
              onClick={() => complete(state.grantToken)}
              className="min-h-11 rounded-md border border-slate-300 px-3 font-semibold text-slate-800 hover:bg-slate-50"
            >
              {t('continueWithout')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
