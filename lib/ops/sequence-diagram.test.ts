import { describe, expect, it } from 'vitest';
import { buildSequenceDiagram, compactPath, sinceStart, type DiagramCall } from './sequence-diagram';

const at = (s: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, s));
const call = (
  id: number,
  partner: string,
  status: number | null,
  s: number,
  extra: Partial<DiagramCall> = {},
): DiagramCall => ({
  id,
  partner,
  operation: `op${id}`,
  method: 'POST',
  path: '/x',
  status,
  latencyMs: 10 * id,
  attempt: 1,
  error: status === null ? 'timeout: no answer in 10000 ms' : null,
  createdAt: at(s),
  ...extra,
});

describe('buildSequenceDiagram', () => {
  it('puts each partner on its lane: OMS and platform on Flipkart, Keycloak on OpenTV', () => {
    const model = buildSequenceDiagram([
      call(1, 'ultra', 200, 1),
      call(2, 'flexiti', 200, 2),
      call(3, 'keycloak', 200, 3),
      call(4, 'opentv', 201, 4),
      call(5, 'oms', 200, 5),
    ]);
    expect(model.lanes.map((l) => l.label)).toEqual(['Customer', 'Storefront', 'Flipkart', 'Flexiti', 'OpenTV']);
    expect(model.steps.map((s) => (s.kind === 'call' ? [s.from, s.to] : null))).toEqual([
      ['storefront', 'flipkart'],
      ['storefront', 'flexiti'],
      ['storefront', 'opentv'],
      ['storefront', 'opentv'],
      ['storefront', 'flipkart'],
    ]);
  });

  it('labels each arrow with method, short path, status and latency; errors and no answer are failures', () => {
    const model = buildSequenceDiagram([
      call(1, 'oms', 429, 1, { path: '/sandbox/ultra/oms/3/oms', attempt: 2 }),
      call(2, 'opentv', null, 2, { method: 'GET', path: '/sandbox/opentv/adm/v1/accounts/a1' }),
      call(3, 'flexiti', 200, 3, { path: '/sandbox/flexiti/flexiti/pos-api/v2.5.1/client-id/m-1/authorization?x=1' }),
    ]);
    const [a, b, c] = model.steps;
    expect(a).toMatchObject({ request: 'POST /3/oms', response: '429 · 10 ms · try 2', failed: true });
    expect(b).toMatchObject({
      request: 'GET /adm/v1/accounts/a1',
      response: 'no answer (timeout) · 20 ms',
      failed: true,
    });
    expect(c).toMatchObject({ request: 'POST /v2.5.1/authorization', response: '200 · 30 ms', failed: false });
    expect(c!.kind === 'call' && c!.description).toBe(
      'op3: POST /sandbox/flexiti/flexiti/pos-api/v2.5.1/client-id/m-1/authorization to Flexiti answered 200 in 30 ms',
    );
    expect(a!.kind === 'call' && a!.description).toMatch(/answered 429 in 10 ms \(failed\)$/);
    expect(model.failures).toBe(2);
  });

  it('orders calls and state events by time; the creation comes from the customer lane', () => {
    const model = buildSequenceDiagram(
      [call(7, 'oms', 200, 5), call(6, 'flexiti', 200, 2)],
      [
        { id: 1, fromState: null, toState: 'PENDING_PAYMENT', cause: 'checkout', createdAt: at(1) },
        { id: 2, fromState: 'PENDING_PAYMENT', toState: 'CONFIRMED', cause: 'paid', createdAt: at(3) },
      ],
    );
    expect(model.steps.map((s) => (s.kind === 'call' ? `call ${s.callId}` : `${s.from}: ${s.label}`))).toEqual([
      'customer: order placed → PENDING_PAYMENT',
      'call 6',
      'storefront: → CONFIRMED',
      'call 7',
    ]);
  });

  it('names each arrow by exactly its visible text; the sentence stays its description', () => {
    const [step] = buildSequenceDiagram([call(1, 'flexiti', 200, 1, { path: '/sandbox/flexiti/x' })]).steps;
    expect(step).toMatchObject({ request: 'POST /x', response: '200 · 10 ms', label: 'POST /x 200 · 10 ms' });
  });

  it('labels an OMS report with the state it reported', () => {
    const [step] = buildSequenceDiagram([
      call(1, 'oms', 200, 1, { path: '/sandbox/ultra/oms/3/oms', operation: 'reportOrderState ORDER_FULFILLED' }),
    ]).steps;
    expect(step).toMatchObject({
      request: 'POST /3/oms · ORDER_FULFILLED',
      label: 'POST /3/oms · ORDER_FULFILLED 200 · 10 ms',
    });
  });

  it('draws OpenTV’s activation webhook as an arrow from OpenTV to the store', () => {
    const model = buildSequenceDiagram(
      [call(1, 'opentv', 201, 1)],
      [{ id: 5, fromState: 'CONFIRMED', toState: 'ACTIVE', cause: 'opentv.activated', createdAt: at(2) }],
    );
    expect(model.steps[1]).toMatchObject({
      kind: 'event',
      from: 'opentv',
      to: 'storefront',
      label: 'webhook: activated → ACTIVE',
      description: expect.stringContaining('OpenTV called the store’s webhook'),
    });
  });

  it('draws consecutive identical failures once, with how many (503 × 3), and counts each as a failure', () => {
    const down = (id: number, s: number, attempt = 1) =>
      call(id, 'opentv', 503, s, { path: '/sandbox/opentv/rmg/v1/entitlements', attempt });
    const model = buildSequenceDiagram([
      down(1, 1),
      down(2, 2, 2),
      down(3, 3, 3),
      call(4, 'opentv', 201, 4, { path: '/sandbox/opentv/rmg/v1/entitlements' }),
      down(5, 5),
    ]);
    expect(model.steps.map((s) => (s.kind === 'call' ? s.label : s.label))).toEqual([
      'POST /rmg/v1/entitlements 503 × 3 · 10–30 ms',
      'POST /rmg/v1/entitlements 201 · 40 ms',
      'POST /rmg/v1/entitlements 503 · 50 ms',
    ]);
    expect(model.steps[0]).toMatchObject({ callId: 1, count: 3, failed: true });
    expect(model.failures).toBe(4);
  });

  it('keeps a different answer or another partner on its own arrow', () => {
    const model = buildSequenceDiagram([
      call(1, 'opentv', 503, 1),
      call(2, 'opentv', 403, 2),
      call(3, 'flexiti', 403, 3),
    ]);
    expect(model.steps).toHaveLength(3);
  });

  it('marks each arrow with the time since the first one', () => {
    expect([0, 2_400, 35_000, 6 * 60_000, 3 * 3600_000, 8 * 86_400_000].map(sinceStart)).toEqual([
      '+0 s',
      '+2.4 s',
      '+35 s',
      '+6 min',
      '+3 h',
      '+8 d',
    ]);
    const model = buildSequenceDiagram([call(1, 'oms', 200, 1), call(2, 'oms', 200, 31)]);
    expect(model.steps.map((s) => s.at - model.steps[0]!.at)).toEqual([0, 30_000]);
  });

  it('compacts long paths from the end', () => {
    expect(compactPath('/sandbox/opentv/keycloak/auth/realms/nagra/protocol/openid-connect/token')).toBe(
      '/keycloak/token',
    );
    const long = compactPath(`/crm-gateway/v2/rmg/v1/entitlements/${'e'.repeat(60)}`);
    expect(long.length).toBe(40);
    expect(long.startsWith('…')).toBe(true);
  });
});
