'use client';

import { useLocale } from 'next-intl';
import { intlLocale } from '@/lib/i18n/locales';
import { ZonedTime } from './zoned-time';

/** A date and time in the customer's own time zone and the store's language (./zoned-time.tsx). */
export function LocalTime({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  return <ZonedTime iso={iso} locale={intlLocale(useLocale())} dateOnly={dateOnly} />;
}
