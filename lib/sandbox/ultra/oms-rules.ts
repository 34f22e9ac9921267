import { z } from 'zod';

/**
 * The OMS v3 request rules of docs/partners/ultra.md#oms-fields, #oms-state-machine, #oms-errors as a pure function, so the same rules
 * drive the sandbox and its tests. Codes are Flipkart's (docs/partners/ultra.md#oms-errors); where Flipkart documents no code
 * (a field that is missing or has the wrong type, a wrong spelling) the sandbox answers code 20,
 * a sandbox assumption, with the field and the reason.
 */

export const OMS_STATES = ['ORDER_CONFIRMED', 'ORDER_FULFILLED', 'ORDER_CANCELLED'] as const;
export type OmsState = (typeof OMS_STATES)[number];
export const OMS_TERMINAL_STATES: readonly OmsState[] = ['ORDER_FULFILLED', 'ORDER_CANCELLED'];

export const OMS_CODES = {
  unregisteredKey: 10,
  sections: 11,
  noClientId: 12,
  noSub: 14,
  unknownIdentity: 15,
  /** Sandbox assumption: a malformed field has no documented code. */
  badField: 20,
  forwardNotPositive: 21,
  badState: 22,
  stateExists: 23,
  unexpectedState: 24,
  reverseNotZero: 25,
  reverseNotSupported: 26,
  rateLimited: 31,
} as const;

export const OMS_MESSAGES: Record<number, string> = {
  10: 'Invalid public key for merchant id',
  11: 'JWT does not contain three sections',
  12: 'JWT does not contain clientId',
  14: 'JWT does not contain sub',
  15: 'Account info not found for identity token',
  21: 'Forward Transaction should be greater than 0',
  22: 'Order State can be either ORDER_CONFIRMED ORDER_CANCELLED or ORDER_FULFILLED',
  23: 'Order state already exist',
  24: 'Order Event is invalid as unexpected order state is received',
  25: 'Reverse Transaction should be 0',
  26: 'Reverse Transaction is not supported for ORDER_CONFIRMED state and should be less than equal to forward transaction',
  31: 'Rate Limit reached for client',
};

export interface OmsRejection {
  code: number;
  message: string;
  additionalInfo: Record<string, unknown>;
}

export interface OmsAcceptedEvent {
  orderId: string;
  orderState: OmsState;
  identityToken: string;
  description: string;
  orderTimestampMs: number;
  orderUpdatedTimestampMs: number;
  lastFulfillmentDateMs: number;
  timestampUnit: OmsTimestampUnit;
  forwardTransaction: number;
  reverseTransaction: number;
  orderMetadata: Record<string, string> | null;
}

export type OmsParseResult = { ok: true; event: OmsAcceptedEvent } | { ok: false; rejection: OmsRejection };

/** docs/partners/ultra.md#oms-fields: only the sample's spellings are accepted; the field table's spellings are refused by name. */
const WRONG_SPELLINGS: Record<string, string> = {
  orderstate: 'orderState',
  forwardTransactions: 'forwardTransaction',
  reverseTransactions: 'reverseTransaction',
  lastFulfilmentDate: 'lastFulfillmentDate',
};

export type OmsTimestampUnit = 's' | 'ms';

/**
 * docs/partners/ultra.md#oms-timestamps: the sandbox reads the one unit it is configured with and
 * refuses the other instead of guessing. 10^11 splits them: as seconds it is the year 5138, as
 * milliseconds 1973, so no plausible date in one unit looks like a date in the other.
 */
export const SECONDS_THRESHOLD = 1e11;
/** A date further than this from the sandbox clock (or real time) is refused as implausible. */
export const PLAUSIBLE_RANGE_MS = 366 * 86_400_000;

export interface OmsParseOptions {
  unit: OmsTimestampUnit;
  /** The clocks a date is judged against: the sandbox clock and real time. */
  clocksMs: number[];
}

/** docs/partners/ultra.md#oms-amounts: amounts "up to four decimal places". */
export function hasAtMostFourDecimals(n: number): boolean {
  const scaled = n * 1e4;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

const reject = (code: number, message: string, additionalInfo: Record<string, unknown> = {}): OmsParseResult => ({
  ok: false,
  rejection: { code, message, additionalInfo },
});
const badField = (field: string, reason: string) =>
  reject(OMS_CODES.badField, `${field}: ${reason}`, { field, reason });

type Timestamp = { ok: true; ms: number } | { ok: false; rejection: OmsParseResult };

function readTimestamp(field: string, value: number, opts: OmsParseOptions): Timestamp {
  const looksLikeSeconds = value < SECONDS_THRESHOLD;
  if (looksLikeSeconds !== (opts.unit === 's')) {
    const [seen, expected] = opts.unit === 's' ? ['milliseconds', 'seconds'] : ['seconds', 'milliseconds'];
    return {
      ok: false,
      rejection: reject(OMS_CODES.badField, `${field}: ${value} is epoch ${seen}; this OMS reads epoch ${expected}`, {
        field,
        reason: 'wrong_unit',
        expectedUnit: opts.unit,
      }),
    };
  }
  const ms = opts.unit === 's' ? value * 1000 : value;
  const from = Math.min(...opts.clocksMs) - PLAUSIBLE_RANGE_MS;
  const to = Math.max(...opts.clocksMs) + PLAUSIBLE_RANGE_MS;
  if (ms < from || ms > to) {
    return {
      ok: false,
      rejection: reject(
        OMS_CODES.badField,
        `${field}: ${new Date(ms).toISOString()} is more than a year from now; not a plausible order date`,
        { field, reason: 'implausible_date' },
      ),
    };
  }
  return { ok: true, ms };
}

const nonEmpty = z.string().trim().min(1);
const epoch = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const amount = z.number().finite();
const metadata = z.record(z.string(), z.string()).nullable().optional();

export function parseOmsRequest(body: unknown, opts: OmsParseOptions): OmsParseResult {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return badField('body', 'must be a JSON object');
  }
  const b = body as Record<string, unknown>;
  for (const [wrong, right] of Object.entries(WRONG_SPELLINGS)) {
    if (wrong in b) return badField(wrong, `unknown field; use "${right}" (docs/partners/ultra.md#oms-fields)`);
  }

  const orderId = z.string().trim().min(1).max(128).safeParse(b.orderId);
  if (!orderId.success) return badField('orderId', 'required, a non-empty string of at most 128 characters');

  const state = z.enum(OMS_STATES).safeParse(b.orderState);
  if (!state.success) {
    return reject(OMS_CODES.badState, OMS_MESSAGES[22]!, { orderState: b.orderState ?? null });
  }
  const orderState = state.data;

  const identityToken = nonEmpty.safeParse(b.identityToken);
  if (!identityToken.success) return badField('identityToken', 'required, the identity token from SSO');

  // docs/partners/ultra.md#oms-fields: optional on one Flipkart page, required on another: the strict reading wins here.
  const description = nonEmpty.max(1000).safeParse(b.description);
  if (!description.success)
    return badField('description', 'required, a non-empty string (docs/partners/ultra.md#oms-fields)');

  const times: Record<string, { ms: number }> = {};
  for (const field of ['orderTimestamp', 'orderUpdatedTimestamp', 'lastFulfillmentDate'] as const) {
    const parsed = epoch.safeParse(b[field]);
    if (!parsed.success)
      return badField(field, `required, epoch ${opts.unit === 's' ? 'seconds' : 'milliseconds'} as a whole number`);
    const read = readTimestamp(field, parsed.data, opts);
    if (!read.ok) return read.rejection;
    times[field] = read;
  }
  const orderTs = times.orderTimestamp!;
  const updatedTs = times.orderUpdatedTimestamp!;
  const fulfilTs = times.lastFulfillmentDate!;
  if (updatedTs.ms < orderTs.ms) return badField('orderUpdatedTimestamp', 'must not be before orderTimestamp');
  // docs/partners/ultra.md#oms-fulfilment-date: "The fulfilment date cannot be before the creation date".
  if (fulfilTs.ms < orderTs.ms) return badField('lastFulfillmentDate', 'must not be before orderTimestamp');

  const forward = amount.safeParse(b.forwardTransaction);
  if (!forward.success) return badField('forwardTransaction', 'required, a number');
  if (!(forward.data > 0)) {
    return reject(OMS_CODES.forwardNotPositive, OMS_MESSAGES[21]!, { forwardTransaction: forward.data });
  }
  if (!hasAtMostFourDecimals(forward.data)) return badField('forwardTransaction', 'at most four decimal places');

  // docs/partners/ultra.md#oms-fields: "yes (send 0)": required in every state.
  const reverse = amount.safeParse(b.reverseTransaction);
  if (!reverse.success) return badField('reverseTransaction', 'required, a number (send 0 when nothing was returned)');
  if (!hasAtMostFourDecimals(reverse.data)) return badField('reverseTransaction', 'at most four decimal places');
  const rev = reverse.data;
  if (orderState === 'ORDER_CONFIRMED') {
    // docs/partners/ultra.md#oms-amounts: CONFIRMED with reverse ≠ 0 → 25, or 26 when it also exceeds the forward amount.
    if (rev !== 0) {
      const code = rev > forward.data ? OMS_CODES.reverseNotSupported : OMS_CODES.reverseNotZero;
      return reject(code, OMS_MESSAGES[code]!, { orderState, reverseTransaction: rev });
    }
  } else if (rev < 0 || rev > forward.data) {
    return reject(OMS_CODES.reverseNotSupported, OMS_MESSAGES[26]!, {
      orderState,
      reverseTransaction: rev,
      forwardTransaction: forward.data,
    });
  }

  const meta = metadata.safeParse(b.orderMetadata);
  if (!meta.success) return badField('orderMetadata', 'must be an object of string values, or be left out');

  return {
    ok: true,
    event: {
      orderId: orderId.data,
      orderState,
      identityToken: identityToken.data,
      description: description.data,
      orderTimestampMs: orderTs.ms,
      orderUpdatedTimestampMs: updatedTs.ms,
      lastFulfillmentDateMs: fulfilTs.ms,
      timestampUnit: opts.unit,
      forwardTransaction: forward.data,
      reverseTransaction: rev,
      orderMetadata: meta.data ?? null,
    },
  };
}

/**
 * docs/partners/ultra.md#oms-state-machine: ∅ → ORDER_CONFIRMED → one of the terminal states, nothing after. A state already accepted
 * is 23 (checked first: a retry of an accepted event is idempotent, not illegal); anything else
 * out of order is 24.
 */
export function checkTransition(accepted: readonly OmsState[], next: OmsState): OmsRejection | null {
  if (accepted.includes(next)) {
    return { code: OMS_CODES.stateExists, message: OMS_MESSAGES[23]!, additionalInfo: { orderState: next } };
  }
  const illegal = (why: string): OmsRejection => ({
    code: OMS_CODES.unexpectedState,
    message: OMS_MESSAGES[24]!,
    additionalInfo: { orderState: next, acceptedStates: [...accepted], reason: why },
  });
  if (next === 'ORDER_CONFIRMED') return null;
  if (!accepted.includes('ORDER_CONFIRMED')) return illegal('ORDER_CONFIRMED must be sent first');
  if (accepted.some((s) => OMS_TERMINAL_STATES.includes(s))) return illegal('the order is already in a terminal state');
  return null;
}
