/**
 * Flexiti's isomorphic door, safe in the browser and on the server: the provinces it takes and the
 * form's shape its wire reads (the store's checkout form schema is lib/orders/checkout/form-schema.ts),
 * the widget's messages and its height. Nothing here reaches a secret.
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
