'use client';

import { useHydrated } from '@/components/auth/use-hydrated';

const OPTIONS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};

/**
 * A date and time in the viewer's own time zone (the browser's), in `locale`. The server cannot
 * know the zone, so the first render shows UTC with the zone named, and the browser re-renders it
 * in its zone. For pages without the store's translations (the partner sandboxes); the store's
 * pages use LocalTime, which takes the store's language.
 */
export function ZonedTime({ iso, locale, dateOnly = false }: { iso: string; locale: string; dateOnly?: boolean }) {
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
