/**
 * Flexiti's isomorphic door, safe in the browser and on the server: the provinces it takes (which
 * the store's checkout form, lib/orders/checkout/form-schema.ts, offers), the widget's messages
 * and its height. Nothing here reaches a secret.
 */
export { FLEXITI_PROVINCES } from './form-wire';
export {
  FLEXITI_ACTIVATION_URL,
  flexitiWidgetEventSchema,
  isForWidgetSession,
  nextStepAfterWidget,
  parseFlexitiWidgetMessage,
  type FlexitiWidgetEvent,
} from './widget-events';
export { parseWidgetHeight, WIDGET_HEIGHT_MESSAGE } from './widget-height';
