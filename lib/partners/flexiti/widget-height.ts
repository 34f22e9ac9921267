import { z } from 'zod';

/**
 * The widget's height message: `{ type: 'flexiti:height', height }`, posted to the parent whenever
 * its content changes size so the merchant can size the iframe and the customer never scrolls
 * inside it (docs/partners/flexiti.md#widget-height). Not one of the widget events: it carries no outcome, and the
 * checkout still only trusts it from FLEXITI_WIDGET_ORIGIN and its own iframe.
 */
export const WIDGET_HEIGHT_MESSAGE = 'flexiti:height';

/** Bounds that keep a hostile or broken height from hiding or blowing up the page. */
export const WIDGET_MIN_HEIGHT = 240;
export const WIDGET_MAX_HEIGHT = 2400;

const heightMessage = z.object({
  type: z.literal(WIDGET_HEIGHT_MESSAGE),
  height: z.number().finite().positive(),
});

/** The height to give the iframe (clamped), or null when `data` is not a height message. */
export function parseWidgetHeight(data: unknown): number | null {
  const r = heightMessage.safeParse(data);
  if (!r.success) return null;
  return Math.min(WIDGET_MAX_HEIGHT, Math.max(WIDGET_MIN_HEIGHT, Math.ceil(r.data.height)));
}
