/** The checkout's door: start a Flexiti checkout, act on the widget's answer, find an open one. */
export { findOpenCheckout, startCheckout } from './start';
export { handleWidgetEvent } from './widget-event';
export type { StartCheckoutResult, WidgetOutcome } from './types';
