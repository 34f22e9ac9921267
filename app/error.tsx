'use client';

import { ErrorView, usePageLocale, useReportError } from '@/components/ui/error-view';

/** A page or layout below the root failed: the root layout (header, language) still stands. */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useReportError(error);
  return <ErrorView locale={usePageLocale()} digest={error.digest} reset={reset} />;
}
