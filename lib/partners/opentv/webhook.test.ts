import { describe, expect, it } from 'vitest';
import { entitlementEventSchema, signWebhook, verifyWebhookSignature } from './webhook';

const SECRET = 'test-secret-0123456789abcdef';
const BODY = JSON.stringify({
  entitlementId: 'ent-o1',
  accountId: 'acct-1',
  productId: 'hotstar_SUPER_MONTHLY',
  status: 'ACTIVE',
  occurredAt: '2026-03-01T10:00:00.000Z',
});
const NOW = new Date('2026-03-01T10:00:05Z');

describe('webhook signature', () => {
  it('a signature made with the secret verifies', () => {
    const header = signWebhook(BODY, SECRET, NOW);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(BODY, header, SECRET, { now: NOW })).toEqual({
      ok: true,
      timestamp: Math.floor(NOW.getTime() / 1000),
    });
  });

  it('a changed body, another secret or a missing/garbled header fails', () => {
    const header = signWebhook(BODY, SECRET, NOW);
    expect(verifyWebhookSignature(BODY.replace('ACTIVE', 'REVOKED'), header, SECRET, { now: NOW })).toMatchObject({
      ok: false,
      reason: 'signature',
    });
    expect(verifyWebhookSignature(BODY, header, 'another-secret-0123456789', { now: NOW })).toMatchObject({
      ok: false,
      reason: 'signature',
    });
    expect(verifyWebhookSignature(BODY, null, SECRET, { now: NOW })).toMatchObject({ ok: false, reason: 'missing' });
    expect(verifyWebhookSignature(BODY, 'v1=abc', SECRET, { now: NOW })).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });

  it('an old signature is refused outside the tolerance, accepted inside', () => {
    const header = signWebhook(BODY, SECRET, NOW);
    const later = new Date(NOW.getTime() + 301_000);
    expect(verifyWebhookSignature(BODY, header, SECRET, { now: later })).toMatchObject({ ok: false, reason: 'stale' });
    expect(verifyWebhookSignature(BODY, header, SECRET, { now: later, toleranceS: 600 })).toMatchObject({ ok: true });
  });

  it('a signature dated more than the tolerance in the future is refused as stale', () => {
    const fromTheFuture = signWebhook(BODY, SECRET, new Date(NOW.getTime() + 301_000));
    expect(verifyWebhookSignature(BODY, fromTheFuture, SECRET, { now: NOW })).toMatchObject({
      ok: false,
      reason: 'stale',
    });
    const justInside = signWebhook(BODY, SECRET, new Date(NOW.getTime() + 299_000));
    expect(verifyWebhookSignature(BODY, justInside, SECRET, { now: NOW }).ok).toBe(true);
  });

  it('accepts any of several v1 signatures (secret rotation)', () => {
    const good = signWebhook(BODY, SECRET, NOW);
    const other = signWebhook(BODY, 'old-secret-0123456789abcd', NOW).split(',')[1];
    expect(verifyWebhookSignature(BODY, `${good},${other}`, SECRET, { now: NOW }).ok).toBe(true);
  });

  it('accepts a signature made with any secret we list (rotation on our side), and only those', () => {
    const byOld = signWebhook(BODY, 'old-secret-0123456789abcd', NOW);
    expect(verifyWebhookSignature(BODY, byOld, [SECRET, 'old-secret-0123456789abcd'], { now: NOW }).ok).toBe(true);
    expect(verifyWebhookSignature(BODY, byOld, [SECRET], { now: NOW })).toMatchObject({
      ok: false,
      reason: 'signature',
    });
  });

  it('the event schema accepts the webhook body and names a bad field', () => {
    expect(entitlementEventSchema.parse(JSON.parse(BODY))).toMatchObject({ status: 'ACTIVE' });
    const bad = entitlementEventSchema.safeParse({ ...JSON.parse(BODY), status: 'DONE' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['status']);
  });
});
