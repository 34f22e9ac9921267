import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, clockOffsetMs } from '@/test/support/sandbox';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { planAccess } from './plan-access';

/** "Access until …" on the order page: the one-live-plan period, on the outbox (sandbox) clock. */

let app: TestApp;
const DAY = 86_400_000;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());
afterEach(async () => advanceClock(app.open.db, -(await clockOffsetMs(app.open.db))));

describe('planAccess', () => {
  it('has no end before activation: the period starts then', async () => {
    expect(await planAccess(null, 'month')).toBeNull();
  });

  it('runs 30 days (365 for a yearly plan) from the activation', async () => {
    const activatedAt = new Date(Date.now() - 2 * DAY);
    expect(await planAccess(activatedAt, 'month')).toEqual({
      endsAt: new Date(activatedAt.getTime() + 30 * DAY),
      ended: false,
    });
    expect((await planAccess(activatedAt, 'year'))!.endsAt).toEqual(new Date(activatedAt.getTime() + 365 * DAY));
  });

  it('has ended once the sandbox clock is past its end, as the checkout’s live-plan check sees it', async () => {
    const activatedAt = new Date(Date.now() - 2 * DAY);
    await advanceClock(app.open.db, 29 * DAY);
    expect((await planAccess(activatedAt, 'month'))!.ended).toBe(true);
    expect((await planAccess(activatedAt, 'year'))!.ended).toBe(false);
  });
});
