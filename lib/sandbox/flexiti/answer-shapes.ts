import type { FlexitiAnswerShape } from './options';

/**
 * How the sandbox writes the bodies Flexiti never published (docs/partners/flexiti.md#undocumented-bodies),
 * by the `answerShape` option: `documented` is our simulator shape; the others are shapes a real
 * Flexiti could plausibly answer, so the client's tolerant reading is tested against each.
 *
 * - `bare`: the list as a bare array.
 * - `data`: the list under `data`, single objects wrapped in `{data: …}`.
 * - `items`: the list under `items` (with `total`).
 * - `content`: a Spring-style page (`content`, `totalElements`); single objects under their name.
 * - `camel`: camelCase keys and other plausible names: `id`, `authorizationStatus`,
 *   `authorizedAmount` as a string, `createdAt`.
 */

type Json = Record<string, unknown>;
type Kind = 'authorization' | 'application';

const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function camelKeys(o: Json): Json {
  const conv = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(conv) : v && typeof v === 'object' ? camelKeys(v as Json) : v;
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), conv(v)]));
}

/** The camel variant also renames the fields a real API could plausibly call otherwise. */
function camelAuthorization(a: Json): Json {
  const { authorization_id, status, amount, creation_date, ...rest } = a;
  return {
    id: authorization_id,
    authorizationStatus: typeof status === 'string' ? status.toUpperCase() : status,
    authorizedAmount: typeof amount === 'number' ? amount.toFixed(2) : amount,
    createdAt: creation_date,
    ...camelKeys(rest),
  };
}

export function shapeObject(kind: Kind, body: Json, shape: FlexitiAnswerShape): Json {
  switch (shape) {
    case 'data':
      return { data: body };
    case 'content':
      return { [kind]: body };
    case 'camel':
      return kind === 'authorization' ? camelAuthorization(body) : camelKeys(body);
    default:
      return body;
  }
}

export function shapeList(
  items: Json[],
  page: { pageNumber: number; pageSize: number; total: number },
  shape: FlexitiAnswerShape,
): unknown {
  switch (shape) {
    case 'bare':
      return items;
    case 'data':
      return { data: items, total: page.total };
    case 'items':
      return { items, total: page.total, page: page.pageNumber, size: page.pageSize };
    case 'content':
      return { content: items, totalElements: page.total, number: page.pageNumber - 1, size: page.pageSize };
    case 'camel':
      return { authorizations: items.map(camelAuthorization), pageNumber: page.pageNumber, total: page.total };
    default:
      return { page_number: page.pageNumber, page_size: page.pageSize, total: page.total, authorizations: items };
  }
}
