import { PARTNER_LANES, PARTNER_SANDBOX_MOUNTS, PARTNER_SERVICES, type PartnerLaneId } from '@/lib/partners/registry';

/**
 * The sequence diagram model for an order's partner timeline (pure: calls and events in, lanes
 * and arrows out), drawn by components/ops/sequence-diagram.tsx as server-rendered SVG.
 */

export type LaneId = 'customer' | 'storefront' | PartnerLaneId;
/** The customer and us, then each partner's lane (lib/partners/registry.ts `lane`). */
export const LANES: readonly { id: LaneId; label: string }[] = [
  { id: 'customer', label: 'Customer' },
  { id: 'storefront', label: 'Storefront' },
  ...PARTNER_LANES,
];

/** `integration_calls.partner` → its partner's lane (OMS and the platform are both Flipkart's; Keycloak is OpenTV's). */
const PARTNER_LANE: Record<string, LaneId> = Object.fromEntries(
  PARTNER_SERVICES.flatMap((s) => (s.lane ? [[s.name, s.lane]] : [])),
);
/** A sandbox mount at the start of a path (`/sandbox/ultra/oms/...`). */
const SANDBOX_MOUNT = new RegExp(`^/sandbox/(${PARTNER_SANDBOX_MOUNTS.join('|')})(?=/)`);

export interface DiagramCall {
  id: number;
  partner: string;
  operation: string;
  method: string;
  path: string;
  status: number | null;
  latencyMs: number;
  attempt: number;
  error: string | null;
  createdAt: Date;
}

export interface DiagramEvent {
  id: number;
  fromState: string | null;
  toState: string;
  cause: string;
  createdAt: Date;
}

export type DiagramStep =
  | {
      kind: 'call';
      callId: number;
      from: LaneId;
      to: LaneId;
      partner: string;
      request: string;
      /** `200 · 35 ms`, `no answer (timeout) · 10000 ms`, or repeated failures `503 × 3 · 12–40 ms`. */
      response: string;
      /** How many calls this arrow stands for: consecutive identical failures are drawn once. */
      count: number;
      /** Each call's latency (one per call drawn). */
      latencies: number[];
      /** The arrow's accessible name: exactly its visible text (request, then answer). */
      label: string;
      failed: boolean;
      /** One sentence for screen readers and tooltips. */
      description: string;
      path: string;
      /** When the (first) call was answered, ms since the epoch: the diagram's time marks. */
      at: number;
    }
  | { kind: 'event'; eventId: number; from: LaneId; to: LaneId; label: string; description: string; at: number };

export interface SequenceDiagramModel {
  lanes: typeof LANES;
  steps: DiagramStep[];
  failures: number;
}

const LANE_LABEL = Object.fromEntries(LANES.map((l) => [l.id, l.label])) as Record<LaneId, string>;

/**
 * A path short enough to read on an arrow: without the sandbox mount, the Flexiti API prefix,
 * the client id segment and the query (the full path is in the call's details).
 */
export function compactPath(path: string, max = 40): string {
  let p = path.split('?')[0] ?? path;
  p = p.replace(SANDBOX_MOUNT, '');
  p = p.replace(/^\/flexiti\/pos-api/, '');
  p = p.replace(/\/client-id\/[^/]+/, '');
  p = p.replace(/^\/keycloak\/auth\/realms\/[^/]+\/protocol\/openid-connect/, '/keycloak');
  return p.length > max ? `…${p.slice(p.length - max + 1)}` : p;
}

/** A failed call: no answer at all, or an HTTP error status. */
export function isFailedCall(call: Pick<DiagramCall, 'status'>): boolean {
  return call.status === null || call.status >= 400;
}

/** What an OMS report said (`reportOrderState ORDER_CONFIRMED` → `ORDER_CONFIRMED`), shown on its arrow. */
function reportedState(c: DiagramCall): string | null {
  const m = c.partner === 'oms' ? /\b(ORDER_[A-Z_]+)\b/.exec(c.operation) : null;
  return m ? m[1]! : null;
}

function callStep(c: DiagramCall): DiagramStep {
  const to = PARTNER_LANE[c.partner] ?? 'flipkart';
  const failed = isFailedCall(c);
  const state = reportedState(c);
  const request = `${c.method} ${compactPath(c.path)}${state ? ` · ${state}` : ''}`;
  const outcome = c.status === null ? `no answer (${(c.error ?? 'error').split(':')[0]})` : String(c.status);
  // "try": the HTTP client's own retries of one call; "attempt" is the outbox's word for a job run.
  const response = `${outcome} · ${c.latencyMs} ms${c.attempt > 1 ? ` · try ${c.attempt}` : ''}`;
  return {
    kind: 'call',
    callId: c.id,
    from: 'storefront',
    to,
    partner: c.partner,
    request,
    response,
    count: 1,
    latencies: [c.latencyMs],
    label: `${request} ${response}`,
    failed,
    path: c.path,
    at: c.createdAt.getTime(),
    // Without the query: read aloud, it is noise (the full path is in the call's details).
    description: `${c.operation}: ${c.method} ${c.path.split('?')[0]} to ${LANE_LABEL[to]} answered ${outcome} in ${c.latencyMs} ms${failed ? ' (failed)' : ''}`,
  };
}

/** Partner callbacks that change an order: drawn as the partner's arrow to the store. */
const CALLBACKS: Record<string, { from: LaneId; label: string; what: string }> = {
  'opentv.activated': {
    from: 'opentv',
    label: 'webhook: activated',
    what: 'OpenTV called the store’s webhook: the customer activated the plan',
  },
  'opentv.entitlement_event': {
    from: 'opentv',
    label: 'webhook: entitlement update',
    what: 'OpenTV called the store’s webhook with an entitlement update',
  },
};

function eventStep(e: DiagramEvent): DiagramStep {
  const callback = CALLBACKS[e.cause];
  if (callback) {
    const to = e.fromState === e.toState ? '' : ` (order ${e.fromState} → ${e.toState})`;
    return {
      kind: 'event',
      eventId: e.id,
      from: callback.from,
      to: 'storefront',
      label: e.fromState === e.toState ? callback.label : `${callback.label} → ${e.toState}`,
      description: `${callback.what}${to}`,
      at: e.createdAt.getTime(),
    };
  }
  // The order's creation is the customer's doing (checkout); later changes are the store's.
  const fromCustomer = e.fromState === null;
  const label = fromCustomer ? `order placed → ${e.toState}` : e.fromState === e.toState ? e.cause : `→ ${e.toState}`;
  return {
    kind: 'event',
    eventId: e.id,
    from: fromCustomer ? 'customer' : 'storefront',
    to: 'storefront',
    label,
    description: fromCustomer
      ? `The customer placed the order (${e.toState}, ${e.cause})`
      : `Order ${e.fromState === e.toState ? 'note' : `went from ${e.fromState} to ${e.toState}`}: ${e.cause}`,
    at: e.createdAt.getTime(),
  };
}

type CallStep = Extract<DiagramStep, { kind: 'call' }>;

/** The answer part of a failed call's text, without latency and try (`503`, `no answer (timeout)`). */
const outcomeOf = (s: CallStep) => s.response.split(' · ')[0]!.split(' × ')[0]!;

/**
 * Consecutive failed calls with the same request and the same answer (a partner down, retried by
 * the client and the outbox) become one arrow `503 × 3`, so 24 retries do not fill the screen.
 */
function collapseRepeats(steps: DiagramStep[]): DiagramStep[] {
  const out: DiagramStep[] = [];
  for (const s of steps) {
    const prev = out[out.length - 1];
    if (
      s.kind === 'call' &&
      s.failed &&
      prev?.kind === 'call' &&
      prev.failed &&
      prev.to === s.to &&
      prev.request === s.request &&
      outcomeOf(prev) === outcomeOf(s)
    ) {
      const latencies = [...prev.latencies, ...s.latencies];
      const count = prev.count + s.count;
      const lo = Math.min(...latencies);
      const hi = Math.max(...latencies);
      const response = `${outcomeOf(prev)} × ${count} · ${lo === hi ? lo : `${lo}–${hi}`} ms`;
      out[out.length - 1] = {
        ...prev,
        count,
        latencies,
        response,
        label: `${prev.request} ${response}`,
        description: `${prev.description.replace(/ answered .*$/, '')} answered ${outcomeOf(prev)} ${count} times in a row (failed)`,
      };
      continue;
    }
    out.push(s);
  }
  return out;
}

/**
 * A time mark for the diagram's margin: how long after the first arrow this one came
 * (`+0 s`, `+2.4 s`, `+35 s`, `+6 min`, `+8 d`), so a 30-second wait never looks like 1 ms.
 */
export function sinceStart(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `+${s < 0.05 ? 0 : s.toFixed(1)} s`;
  if (s < 90) return `+${Math.round(s)} s`;
  if (s < 90 * 60) return `+${Math.round(s / 60)} min`;
  if (s < 36 * 3600) return `+${Math.round(s / 3600)} h`;
  return `+${Math.round(s / 86400)} d`;
}

/** Calls and events in the order they happened (ties: events first, then by id). */
export function buildSequenceDiagram(calls: DiagramCall[], events: DiagramEvent[] = []): SequenceDiagramModel {
  const items = [
    ...events.map((e) => ({ at: e.createdAt.getTime(), rank: 0, id: e.id, step: eventStep(e) })),
    ...calls.map((c) => ({ at: c.createdAt.getTime(), rank: 1, id: c.id, step: callStep(c) })),
  ].sort((a, b) => a.at - b.at || a.rank - b.rank || a.id - b.id);
  const steps = collapseRepeats(items.map((i) => i.step));
  const failures = steps.reduce((n, s) => n + (s.kind === 'call' && s.failed ? s.count : 0), 0);
  return { lanes: LANES, steps, failures };
}
