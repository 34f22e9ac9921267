'use client';

import { ErrorView, usePageLocale, useReportError } from '@/components/ui/error-view';
import './globals.css';

/** The root layout itself failed: this replaces it, so it renders its own <html> and <body>. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useReportError(error);
  const locale = usePageLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh font-sans">
        <ErrorView locale={locale} digest={error.digest} reset={reset} />
      </body>
    </html>
  );
}
