/**
 * Flexiti's isomorphic door, safe in the browser and on the server: the checkout form's schemas
 * (parsed in both), the widget's messages and its height. Nothing here reaches a secret.
 */
export {
  FLEXITI_PROVINCES,
  flexitiApplyFormSchema,
  flexitiCheckoutFormSchema,
  flexitiPurchaseFormSchema,
  formFieldForWireParam,
  parseFlexitiCheckoutForm,
  type FlexitiApplyForm,
  type FlexitiCheckoutForm,
  type FlexitiProvince,
  type FlexitiPurchaseForm,
} from './checkout-schema';
export {
  FLEXITI_ACTIVATION_URL,
  flexitiWidgetEventSchema,
  isForWidgetSession,
  nextStepAfterWidget,
  parseFlexitiWidgetMessage,
  type FlexitiSuccessData,
  type FlexitiWidgetEvent,
  type WidgetNextStep,
} from './widget-events';
export { parseWidgetHeight, WIDGET_HEIGHT_MESSAGE, WIDGET_MAX_HEIGHT, WIDGET_MIN_HEIGHT } from './widget-height';
