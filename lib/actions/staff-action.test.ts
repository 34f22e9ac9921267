import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

/** Like next/navigation's redirect: it throws. */
class Redirect extends Error {}
let staff: string | null = null;
const asked: string[] = [];
vi.mock('@/lib/ops/access', () => ({
  requireStaff: async (returnTo: string) => {
    asked.push(returnTo);
    if (!staff) throw new Redirect(`/ops/sign-in?next=${returnTo}`);
    return staff;
  },
}));
const { validatedActionWithStaff } = await import('./staff-action');

const schema = z.object({ jobId: z.coerce.number().int().positive('must be a job id') });

describe('validatedActionWithStaff', () => {
  it('checks staff first (returning to the page), then the input, and hands over the name', async () => {
    staff = 'asha';
    const run = validatedActionWithStaff(schema, async ({ jobId }, name) => `${name} retried ${jobId}`, {
      returnTo: '/ops/outbox',
    });
    const fd = new FormData();
    fd.set('jobId', '42');
    expect(await run(fd)).toBe('asha retried 42');
    expect(asked.at(-1)).toBe('/ops/outbox');
    expect(await run({ jobId: 0 })).toEqual({ ok: false, kind: 'invalid', fieldErrors: { jobId: 'must be a job id' } });
  });

  it('a caller who is not staff is sent away before the form is even read', async () => {
    staff = null;
    const guard = vi.fn();
    const action = vi.fn(async () => 'ran');
    const run = validatedActionWithStaff(schema, action, { returnTo: '/ops/sandbox', guard });
    await expect(run({ jobId: 'junk' })).rejects.toBeInstanceOf(Redirect);
    expect(guard).not.toHaveBeenCalled();
    expect(action).not.toHaveBeenCalled();
  });
});
