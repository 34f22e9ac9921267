import { z } from 'zod';

/**
 * The Flexiti widget's `postMessage` events (docs/partners/flexiti.md#widget-events) and the
 * merchant's next step for each (the next-step table (docs/partners/flexiti.md#next-step)). Isomorphic: the checkout's browser listener
 * parses with it (after checking `event.origin` against FLEXITI_WIDGET_ORIGIN, docs/partners/flexiti.md#widget-events) and
 * the server parses the same event again before acting on it — the browser's word is never
 * taken for payment; `/authorization` is what decides.
 */

// GUID, hyphenated or not (both spellings are in use: docs/partners/flexiti.md#reference-id).
const guid = z
  .string()
  .regex(/^([0-9a-fA-F]{32}|[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12})$/, 'must be a GUID');

export const flexitiSuccessDataSchema = z.object({
  accountNumber: z.number().int().nonnegative().max(99_999_999_999_999).nullable(),
  verified: z.boolean(),
  action: z.enum(['apply', 'purchase', 'activation', 'retry']).nullable(),
  // Older versions say `security_answer` (docs/partners/flexiti.md#widget-events).
  mfaOptionSelected: z.enum(['sms', 'email', 'security_question', 'security_answer']).nullable().optional(),
  widget_session_id: guid,
  customerId: z.string().max(64).nullable().optional(),
  accountType: z.enum(['business', 'consumer']).nullable().optional(),
});

export const flexitiFailureDataSchema = z.object({
  // "HTTP status code"; tolerate it as a numeric string.
  error: z.union([z.number().int(), z.string().max(64)]),
  message: z.string().max(1000),
});

const eventUnion = z.discriminatedUnion('eventType', [
  z.object({ eventType: z.literal('flx-success'), eventData: flexitiSuccessDataSchema }),
  z.object({ eventType: z.literal('flx-failure'), eventData: flexitiFailureDataSchema }),
  // No eventData (docs/partners/flexiti.md#widget-events); anything sent along is dropped.
  z.object({ eventType: z.literal('flx-cancel') }),
]);

/**
 * A widget message. docs/partners/flexiti.md#widget-events: a failure's `{error, message}` may come at the top level or in
 * `eventData`, so failures are read from `data.eventData ?? data`.
 */
export const flexitiWidgetEventSchema = z.preprocess((raw) => {
  if (raw && typeof raw === 'object' && (raw as { eventType?: unknown }).eventType === 'flx-failure') {
    const { eventType, eventData, ...rest } = raw as Record<string, unknown>;
    return { eventType, eventData: eventData ?? rest };
  }
  return raw;
}, eventUnion);

export type FlexitiWidgetEvent = z.infer<typeof eventUnion>;

/** Parses `MessageEvent.data`; null for anything that is not a documented widget event. */
export function parseFlexitiWidgetMessage(data: unknown): FlexitiWidgetEvent | null {
  const r = flexitiWidgetEventSchema.safeParse(data);
  return r.success ? r.data : null;
}

/** Widget session ids compare without dashes and case (the widget and the API spell them differently). */
const sameWidgetSession = (a: string, b: string) =>
  a.replace(/-/g, '').toLowerCase() === b.replace(/-/g, '').toLowerCase();

/**
 * Whether a widget event may act on this widget session: a success names its session and must
 * name this one; a cancel or a failure names none.
 */
export function isForWidgetSession(event: FlexitiWidgetEvent, widgetSessionId: string | null): boolean {
  if (event.eventType !== 'flx-success') return true;
  return !!widgetSessionId && sameWidgetSession(event.eventData.widget_session_id, widgetSessionId);
}

/** docs/partners/flexiti.md#widget-events: where the customer activates an account. */
export const FLEXITI_ACTIVATION_URL = 'https://my.flexiti.com/index';

export type WidgetNextStep =
  /** purchase, verified: send the purchase to `/authorization`. */
  | { kind: 'authorize'; accountNumber: string; widgetSessionId: string }
  /** apply flow: the merchant must call `POST /apply` (then `/authorization` if approved). */
  | { kind: 'apply'; widgetSessionId: string }
  /** purchase, not verified: say so and return to the checkout to choose another payment. */
  | { kind: 'unverified' }
  /** the account needs activation: open the activation page (new tab). */
  | { kind: 'activation'; url: typeof FLEXITI_ACTIVATION_URL }
  /** purchase with personal information: the customer chose a new application. */
  | { kind: 'switch-to-apply' }
  /** derogatory status: the customer cannot proceed. */
  | { kind: 'derogatory' }
  /** apply found an existing account and the customer chose to buy with it. */
  | { kind: 'switch-to-purchase'; accountNumber: string }
  /** `action: "retry"` (documented value, meaning not described): open the widget again. */
  | { kind: 'retry' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string; status?: number | string };

/**
 * The merchant's next step after the widget, one branch per row of the next-step table (docs/partners/flexiti.md#next-step). Pass the
 * `widget_session_id` from widget/init as `expectedWidgetSessionId` so an event for another
 * session cannot drive this checkout.
 */
export function nextStepAfterWidget(
  flow: 'apply' | 'purchase',
  event: FlexitiWidgetEvent,
  expectedWidgetSessionId?: string | null,
): WidgetNextStep {
  if (event.eventType === 'flx-cancel') return { kind: 'cancelled' };
  if (event.eventType === 'flx-failure') {
    return { kind: 'failed', message: event.eventData.message, status: event.eventData.error };
  }
  const d = event.eventData;
  if (expectedWidgetSessionId && !sameWidgetSession(d.widget_session_id, expectedWidgetSessionId)) {
    return { kind: 'failed', message: 'The widget answered for another session' };
  }
  const account = d.accountNumber === null ? null : String(d.accountNumber);
  if (d.action === 'activation') return { kind: 'activation', url: FLEXITI_ACTIVATION_URL };
  if (d.action === 'retry') return { kind: 'retry' };

  if (flow === 'purchase') {
    if (account && d.action === 'purchase') {
      return d.verified
        ? { kind: 'authorize', accountNumber: account, widgetSessionId: d.widget_session_id }
        : { kind: 'unverified' };
    }
    if (!account && !d.verified && d.action === 'apply') return { kind: 'switch-to-apply' };
    // "null/purchase (varies by version)": derogatory status.
    if (!account && !d.verified && (d.action === null || d.action === 'purchase')) return { kind: 'derogatory' };
  } else {
    // "apply | null | true/false | apply": must call POST /apply either way.
    if (!account && d.action === 'apply') return { kind: 'apply', widgetSessionId: d.widget_session_id };
    if (!account && !d.verified && d.action === null) return { kind: 'derogatory' };
    // "apply, existing account found | numeric | false | purchase". A verified one is not in the
    // table; it still goes through the purchase path, which verifies again.
    if (account && d.action === 'purchase') return { kind: 'switch-to-purchase', accountNumber: account };
  }
  return { kind: 'failed', message: 'The Flexiti widget returned an unexpected result' };
}
