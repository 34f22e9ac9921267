import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationCalls } from '@/lib/db/schema';
import { openTestDatabase } from '@/test/support/db';
import type { OpenDatabase } from '@/lib/db/open';
import { callLogFilterSchema, callOperations, listCalls } from './call-log';

let open: OpenDatabase;
const at = (iso: string) => new Date(`${iso}Z`);
beforeAll(async () => {
  open = await openTestDatabase();
  const base = { method: 'POST', latencyMs: 12, correlationId: 'c-1', request: null, response: null };
  await open.db.insert(integrationCalls).values([
    {
      ...base,
      partner: 'flexiti',
      operation: 'flexiti.token',
      path: '/t',
      status: 200,
      createdAt: at('2026-01-01T10:00'),
    },
    {
      ...base,
      partner: 'flexiti',
      operation: 'flexiti.authorize',
      path: '/a',
      status: 409,
      orderId: 'SP-AAAA',
      createdAt: at('2026-01-01T10:05'),
    },
    {
      ...base,
      partner: 'oms',
      operation: 'oms.report',
      path: '/o',
      status: 503,
      orderId: 'SP-AAAA',
      createdAt: at('2026-01-01T11:00'),
    },
    {
      ...base,
      partner: 'opentv',
      operation: 'opentv.entitlement',
      path: '/e',
      status: null,
      createdAt: at('2026-01-02T09:00'),
    },
  ]);
});
afterAll(async () => open?.close());

const ops = async (query: Record<string, string>) =>
  (await listCalls(open.db, callLogFilterSchema.parse(query))).rows.map((r) => r.operation);

describe('the global call log', () => {
  it('lists every call newest first', async () => {
    expect(await ops({})).toEqual(['opentv.entitlement', 'oms.report', 'flexiti.authorize', 'flexiti.token']);
  });

  it('filters by partner, operation, status class, order and time (UTC), alone or together', async () => {
    expect(await ops({ partner: 'flexiti' })).toEqual(['flexiti.authorize', 'flexiti.token']);
    expect(await ops({ operation: 'oms.report' })).toEqual(['oms.report']);
    expect(await ops({ status: '4xx' })).toEqual(['flexiti.authorize']);
    expect(await ops({ status: '5xx' })).toEqual(['oms.report']);
    expect(await ops({ status: 'none' })).toEqual(['opentv.entitlement']);
    expect(await ops({ order: 'SP-AAAA' })).toEqual(['oms.report', 'flexiti.authorize']);
    expect(await ops({ from: '2026-01-01T10:05', to: '2026-01-01T11:00' })).toEqual(['flexiti.authorize']);
    expect(await ops({ partner: 'flexiti', status: '2xx' })).toEqual(['flexiti.token']);
  });

  it('ignores a filter value that does not parse instead of failing', async () => {
    expect(await ops({ partner: 'paypal', status: '7xx', from: 'yesterday', page: '-1' })).toHaveLength(4);
  });

  it('offers the operations the log holds', async () => {
    expect(await callOperations(open.db)).toEqual([
      'flexiti.authorize',
      'flexiti.token',
      'oms.report',
      'opentv.entitlement',
    ]);
  });
});
