'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { browserLocale, ERROR_COPY } from '@/lib/i18n/error-copy';
import type { Locale } from '@/lib/i18n/locales';

const noSubscription = () => () => {};

/** The page's language once in the browser; English while rendered on the server. */
export function usePageLocale(): Locale {
  return useSyncExternalStore(
    noSubscription,
    () => browserLocale(),
    () => 'en',
  );
}

type Props = { locale: Locale; digest?: string; reset: () => void };

/**
 * What app/error.tsx and app/global-error.tsx show: what happened in the customer's language, a
 * reference staff can look up in the logs (Next's digest, never the error's text), a retry and a
 * plain link back to the store (it works even when React does not).
 */
export function ErrorView({ locale, digest, reset }: Props) {
  const t = ERROR_COPY[locale];
  return (
    <main className="mx-auto max-w-xl space-y-4 px-4 py-16 text-center" lang={locale}>
      <div role="alert" className="space-y-3">
        <h1 className="text-2xl font-bold">{t.title}</h1>
        <p className="text-slate-600">{t.text}</p>
      </div>
      {digest ? (
        <p className="text-sm text-slate-500">
          {t.reference}: <code>{digest}</code>
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-center gap-4">
        <button
          type="button"
          onClick={reset}
          className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 font-semibold text-white"
        >
          {t.retry}
        </button>
        {/* A full page load on purpose: after an error the client router's state is not trusted. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/" className="inline-flex min-h-11 items-center text-brand-700 underline">
          {t.home}
        </a>
      </div>
    </main>
  );
}

/** Logs the error's name and digest once (no message: it may hold customer data). */
export function useReportError(error: Error & { digest?: string }): void {
  useEffect(() => {
    console.error('page error:', error.name, error.digest ?? '');
  }, [error]);
}
