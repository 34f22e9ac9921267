import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineJob } from './define';
import { PermanentJobError, RetryableJobError } from './errors';
import type { OutboxJob } from './registry';

const enqueued = vi.hoisted(() => [] as unknown[]);
vi.mock('./enqueue', () => ({
  enqueue: async (_tx: unknown, job: unknown) => {
    enqueued.push(job);
    return { id: enqueued.length, created: true };
  },
}));

/** A partner's error as lib/partners throws it: the outbox reads its fields, it imports no partner. */
class FakePartnerError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly outcomeUnknown = false,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
  get summary() {
    return `fake: ${this.message}`;
  }
}

const run = (payload: Record<string, unknown>): OutboxJob => ({
  id: 1,
  kind: 'test.define',
  dedupeKey: 'k',
  orderId: null,
  payload,
  attempt: 1,
  maxAttempts: 8,
  runAt: new Date(),
  createdAt: new Date(),
});
const ctx = { workerId: 'w', correlationId: 'c' };

function jobThatThrows(thrown: unknown, onPermanentFailure = vi.fn(async () => {})) {
  const job = defineJob({
    kind: 'test.define',
    payload: z.object({ orderId: z.string().min(1), at: z.coerce.date() }),
    dedupeKey: (p) => `define:${p.orderId}`,
    orderId: (p) => p.orderId,
    async handle() {
      throw thrown;
    },
    onPermanentFailure,
  });
  return { job, onPermanentFailure };
}
const good = { orderId: 'SP-1', at: '2026-01-01T00:00:00.000Z' };

beforeEach(() => {
  enqueued.length = 0;
});

describe('defineJob', () => {
  it('enqueues the parsed payload as JSON, with its dedupe key and order', async () => {
    const { job } = jobThatThrows(null);
    await job.enqueue({} as never, { orderId: 'SP-1', at: new Date(good.at) }, { runAt: new Date(0) });
    expect(enqueued).toEqual([
      {
        kind: 'test.define',
        dedupeKey: 'define:SP-1',
        orderId: 'SP-1',
        payload: good,
        runAt: new Date(0),
        maxAttempts: undefined,
      },
    ]);
    await expect(job.enqueue({} as never, { orderId: '', at: new Date() })).rejects.toThrow();
    expect(enqueued).toHaveLength(1);
  });

  it('hands `handle` the parsed payload (dates as Dates) and the job', async () => {
    const handle = vi.fn(async () => {});
    const job = defineJob({
      kind: 'test.define',
      payload: z.object({ at: z.coerce.date() }),
      dedupeKey: () => 'k',
      handle,
    });
    expect(await job.handler(run({ at: good.at }), ctx)).toBeUndefined();
    expect(handle).toHaveBeenCalledWith({ at: new Date(good.at) }, expect.objectContaining({ correlationId: 'c' }));
  });

  it('a payload that does not parse is permanent, with the field and the reason; handle never runs', async () => {
    const { job, onPermanentFailure } = jobThatThrows(new Error('never reached'));
    const out = await job.handler(run({ orderId: 'SP-1', at: 'not a date' }), ctx);
    expect(out).toBeInstanceOf(PermanentJobError);
    expect((out as Error).message).toMatch(/^bad test\.define payload, at: /);
    expect(onPermanentFailure).not.toHaveBeenCalled();
  });

  it('a partner error that may succeed later is retried, not before its Retry-After', async () => {
    const out = await jobThatThrows(new FakePartnerError('throttled', true, false, 30_000)).job.handler(run(good), ctx);
    expect(out).toBeInstanceOf(RetryableJobError);
    expect(out).toMatchObject({ message: 'fake: throttled', retryAfterMs: 30_000 });
  });

  it('an unknown outcome is never a failure: retried even when not retryable', async () => {
    const { job, onPermanentFailure } = jobThatThrows(new FakePartnerError('no answer', false, true));
    expect(await job.handler(run(good), ctx)).toBeInstanceOf(RetryableJobError);
    expect(onPermanentFailure).not.toHaveBeenCalled();
  });

  it('a partner refusal is permanent, and onPermanentFailure hears it first', async () => {
    const refusal = new FakePartnerError('refused', false);
    const { job, onPermanentFailure } = jobThatThrows(refusal);
    const out = await job.handler(run(good), ctx);
    expect(out).toBeInstanceOf(PermanentJobError);
    expect((out as Error).message).toBe('fake: refused');
    expect(onPermanentFailure).toHaveBeenCalledWith(
      { orderId: 'SP-1', at: new Date(good.at) },
      { reason: 'fake: refused', cause: refusal },
      expect.objectContaining({ workerId: 'w' }),
    );
  });

  it('a thrown job error passes as it is; anything else is rethrown for the engine to retry', async () => {
    const retry = new RetryableJobError('later', { retryInMs: 5 });
    expect(await jobThatThrows(retry).job.handler(run(good), ctx)).toBe(retry);
    const bug = new TypeError('a bug');
    await expect(jobThatThrows(bug).job.handler(run(good), ctx)).rejects.toBe(bug);
    // `retryable` must be a boolean to count: a look-alike field is not a partner's answer.
    const odd = Object.assign(new Error('odd'), { retryable: 'yes' });
    await expect(jobThatThrows(odd).job.handler(run(good), ctx)).rejects.toBe(odd);
  });
});
