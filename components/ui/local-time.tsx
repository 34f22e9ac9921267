'use client';

import { useLocale } from 'next-intl';
import { useHydrated } from '@/components/auth/use-hydrated';
import { intlLocale } from '@/lib/i18n/locales';

const OPTIONS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};

/**
 * A date and time in the customer's own time zone (the browser's). The server cannot know it, so
 * the first render shows UTC with the zone named, and the browser re-renders it in its zone.
 */
export function LocalTime({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  const locale = intlLocale(useLocale());
  const hydrated = useHydrated();
  const options: Intl.DateTimeFormatOptions = {
    ...(dateOnly ? { year: 'numeric', month: 'short', day: 'numeric' } : OPTIONS),
    timeZone: hydrated ? undefined : 'UTC',
  };
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {new Intl.DateTimeFormat(locale, options).format(new Date(iso))}
    </time>
  );
}
