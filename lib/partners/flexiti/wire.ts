import { z } from 'zod';

/**
 * Flexiti response bodies as received (docs/partners/flexiti.md#tokens, #widget-fields, #transactions). Partner input is parsed, never
 * trusted. Bodies Flexiti never published (apply, authorization, capture, release: docs/partners/flexiti.md#authorization)
 * are parsed leniently, requiring only what the app uses, so the real shape can differ in fields
 * we do not read.
 */

const id = z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]).transform(String);
// Dollars, as a number or a numeric string ("14.99": JSON money is often a string).
const money = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'must be an amount')
      .transform(Number),
  ])
  .pipe(z.number().nonnegative())
  .transform((n) => Math.round(n * 100));
// Statuses compare in lower case (`opened` is the documented spelling; `OPENED` would be the same).
const status = z.string().transform((v) => v.toLowerCase());

/**
 * docs/partners/flexiti.md#undocumented-bodies: the bodies of `/authorization`, `/apply` and the
 * authorization list were never published, so they are read in every shape we can name: bare or
 * wrapped (`data`, the object's own name, `result`), snake_case or camelCase keys, and the field
 * names an API like this plausibly uses for the same thing (each alias below says why). Whatever
 * still cannot be read is an unknown outcome, never a failure (client.ts).
 */
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const snake = (k: string) => k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** camelCase keys to snake_case, in nested objects and arrays of objects too. */
function snakeKeys(o: Record<string, unknown>): Record<string, unknown> {
  const conv = (v: unknown): unknown => (Array.isArray(v) ? v.map(conv) : isObject(v) ? snakeKeys(v) : v);
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [snake(k), conv(v)]));
}

/** The object inside a `{data: …}`, `{<name>: …}` or `{result: …}` wrapper, else the body itself. */
function unwrapObject(body: unknown, names: string[]): unknown {
  if (!isObject(body)) return body;
  for (const key of ['data', ...names, 'result']) if (isObject(body[key])) return body[key];
  return body;
}

/** Copies the first present alternative to the canonical key, when the canonical one is absent. */
function alias(o: Record<string, unknown>, canonical: string, alternatives: string[]): void {
  if (o[canonical] !== undefined) return;
  const found = alternatives.find((a) => o[a] !== undefined);
  if (found) o[canonical] = o[found];
}

function readAuthorization(body: unknown): unknown {
  const inner = unwrapObject(body, ['authorization']);
  if (!isObject(inner)) return inner;
  const o = snakeKeys(inner);
  // `id`: the generic name; the release/capture paths call it `{authorizationId}`.
  alias(o, 'authorization_id', ['id']);
  // The list's own filter is named `authorization_status`.
  alias(o, 'status', ['authorization_status', 'state']);
  // `amount` is the request's name; an answer may say which amount it is.
  alias(o, 'amount', ['authorized_amount', 'authorization_amount', 'total_amount']);
  alias(o, 'captured_amount', ['capture_amount', 'amount_captured']);
  alias(o, 'creation_date', ['created_at', 'created', 'date']);
  // Only a list of captures: its first one (we make one full capture per authorization).
  const first = Array.isArray(o.captures) ? o.captures[0] : undefined;
  if (o.capture_id === undefined && isObject(first)) o.capture_id = first.capture_id ?? first.id;
  return o;
}

function readApplication(body: unknown): unknown {
  const inner = unwrapObject(body, ['application']);
  if (!isObject(inner)) return inner;
  const o = snakeKeys(inner);
  // The new account, flat or as an `account` object (`{account: {account_number}}`).
  if (o.account_number === undefined && isObject(o.account)) o.account_number = o.account.account_number;
  alias(o, 'status', ['application_status', 'decision', 'state']);
  alias(o, 'credit_limit', ['approved_credit', 'approved_amount']);
  return o;
}

/** The list as a bare array, or under `authorizations`, `data`, `items`, `content` or `results`. */
function readList(body: unknown): unknown {
  if (Array.isArray(body)) return body;
  if (!isObject(body)) return body;
  for (const key of ['authorizations', 'data', 'items', 'content', 'results']) {
    const v = body[key];
    if (Array.isArray(v)) return v;
    // One level deeper: `{data: {authorizations: […]}}`.
    if (isObject(v)) {
      const nested = readList(v);
      if (Array.isArray(nested)) return nested;
    }
  }
  return body;
}

export const tokenResponseSchema = z.object({
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'must be bearer'),
  access_token: z.string().min(1).max(1000),
  expires_in: z.coerce.number().int().positive(),
  refresh_token: z.string().min(1).max(1000).optional().nullable(),
  scope: z.enum(['merchant', 'customer']).optional(),
});

export const widgetInitResponseSchema = z.object({ redirection_url: z.url({ protocol: /^https?$/ }) });

export const applyResponseSchema = z.preprocess(
  readApplication,
  z.object({
    account_number: id,
    status: status.optional(),
    customer_id: z.string().optional(),
    credit_limit: money.optional(),
    available_credit: money.optional(),
  }),
);

export const authorizationResponseSchema = z.preprocess(
  readAuthorization,
  z.object({
    authorization_id: id,
    status: status.default('opened'),
    account_number: id.optional(),
    reference: z.string().nullable().optional(),
    amount: money,
    captured_amount: money.optional(),
    // Not documented; the sandbox sends them and the reconciliation uses them when present.
    released_amount: money.optional(),
    returned_amount: money.optional(),
    capture_id: id.nullable().optional(),
    creation_date: z.string().optional(),
  }),
);

export const captureResponseSchema = z.object({
  capture_id: id,
  amount: money.optional(),
  remaining_authorization_amount: money.optional(),
});

export const releaseResponseSchema = z.object({
  status: z.string().optional(),
  released_amount: money.optional(),
});

// Documented (docs/partners/flexiti.md#capture-release-return): return_id, reference, capture_id, date, amount, remaining_* amounts.
export const returnResponseSchema = z.object({
  return_id: id,
  reference: z.string().nullable().optional(),
  capture_id: id,
  date: z.string().optional(),
  amount: money,
  remaining_capture_amount: money.optional(),
  remaining_authorization_amount: money.optional(),
});

/** One unreadable authorization makes the whole page unreadable: it could be the one looked for. */
export const authorizationListSchema = z.preprocess(readList, z.array(authorizationResponseSchema));
