import { describe, expect, it, vi } from 'vitest';

/**
 * Next gives instrumentation (where job handlers are registered) and each route or action (where a
 * job's first try runs inline) their own copy of lib/outbox/errors.ts. A handler's error from one
 * copy must still be permanent or retryable to the runner of another: two fresh module instances
 * stand in for the two bundles here.
 */
async function freshCopy() {
  vi.resetModules();
  return import('./errors');
}

describe('job errors across module copies', () => {
  it('a PermanentJobError from another copy is permanent, and not retryable', async () => {
    const handlerCopy = await freshCopy();
    const runnerCopy = await freshCopy();
    expect(handlerCopy.PermanentJobError).not.toBe(runnerCopy.PermanentJobError);
    const e = new handlerCopy.PermanentJobError('OMS rejected order SP-X: Illegal state transition');
    expect(e instanceof runnerCopy.PermanentJobError).toBe(true);
    expect(e instanceof runnerCopy.RetryableJobError).toBe(false);
    expect(e).toBeInstanceOf(Error);
  });

  it('a RetryableJobError from another copy keeps its own schedule', async () => {
    const handlerCopy = await freshCopy();
    const runnerCopy = await freshCopy();
    const e: unknown = new handlerCopy.RetryableJobError('look-up', { retryInMs: 5_000, retryAfterMs: 1_000 });
    expect(e instanceof runnerCopy.RetryableJobError).toBe(true);
    expect(e instanceof runnerCopy.PermanentJobError).toBe(false);
    if (!(e instanceof runnerCopy.RetryableJobError)) throw new Error('unreachable');
    expect(e.retryInMs).toBe(5_000);
    expect(e.retryAfterMs).toBe(1_000);
  });

  it('a plain Error, or a look-alike without the brand, is neither', async () => {
    const { PermanentJobError, RetryableJobError } = await freshCopy();
    const lookAlike = Object.assign(new Error('x'), { name: 'PermanentJobError' });
    for (const v of [new Error('x'), lookAlike, null, undefined, 'PermanentJobError']) {
      expect(v instanceof PermanentJobError).toBe(false);
      expect(v instanceof RetryableJobError).toBe(false);
    }
  });
});
