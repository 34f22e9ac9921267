/**
 * Flexiti's isomorphic door, safe in the browser and on the server: the checkout form's schemas
 * (parsed in both), the widget's messages and its height. Nothing here reaches a secret.
 */
export {
  FLEXITI_PROVINCES,
  flexitiApplyFormSchema,
  flexitiPurchaseFormSchema,
  parseFlexitiCheckoutForm,
  type FlexitiApplyForm,
  type FlexitiCheckoutForm,
} from './checkout-schema';
export {
  FLEXITI_ACTIVATION_URL,
  flexitiWidgetEventSchema,
  isForWidgetSession,
  nextStepAfterWidget,
  parseFlexitiWidgetMessage,
  type FlexitiWidgetEvent,
} from './widget-events';
export { parseWidgetHeight, WIDGET_HEIGHT_MESSAGE } from './widget-height';
