import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { validatedAction } from './validated-action';

const schema = z.object({ name: z.string().min(1, 'Enter a name'), age: z.coerce.number().int('Whole years') });

describe('validatedAction', () => {
  it('runs the action with the parsed input (objects and FormData)', async () => {
    const action = vi.fn(async (d: z.output<typeof schema>) => ({ ok: true as const, d }));
    const run = validatedAction(schema, action);
    expect(await run({ name: 'Ann', age: 30 })).toEqual({ ok: true, d: { name: 'Ann', age: 30 } });
    const fd = new FormData();
    fd.set('name', 'Bo');
    fd.set('age', '41');
    expect(await run(fd)).toEqual({ ok: true, d: { name: 'Bo', age: 41 } });
  });

  it('returns one message per bad field and never calls the action', async () => {
    const action = vi.fn(async () => ({ ok: true as const }));
    const r = await validatedAction(schema, action)({ name: '', age: 1.5 });
    expect(r).toEqual({ ok: false, kind: 'invalid', fieldErrors: { name: 'Enter a name', age: 'Whole years' } });
    expect(action).not.toHaveBeenCalled();
  });
});
