import { createTranslator } from 'next-intl';
import type { ScenarioId } from '@/lib/sandbox/flexiti/scenarios';
import type { WidgetView } from '@/lib/sandbox/flexiti/widget-sessions';
import { WIDGET_MESSAGES } from './messages';

export type ResultKey = keyof (typeof WIDGET_MESSAGES)['en']['result'];

export type WidgetT = ReturnType<typeof widgetTranslator>;

export function widgetTranslator(lang: WidgetView['lang']) {
  return createTranslator({ locale: lang, messages: WIDGET_MESSAGES[lang] });
}

/** Which result the widget shows for the server's answer to a choice. */
export function resultKey(id: ScenarioId, eventType: string, alreadyKnown: boolean): ResultKey | 'expired' {
  // The server answers a failure for any choice once the session's token has expired.
  if (eventType === 'flx-failure' && id !== 'failure') return 'expired';
  if (id === 'apply-approved' && alreadyKnown) return 'apply-submitted';
  return id;
}
