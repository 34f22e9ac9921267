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

describe('validatedAction options and call shapes', () => {
  it('takes the input last, so it also works as a useActionState action', async () => {
    const run = validatedAction(schema, async (d) => d.name);
    const fd = new FormData();
    fd.set('name', 'Cy');
    fd.set('age', '5');
    fd.set('photo', new Blob(['x']), 'x.png'); // a file is never input
    expect(await run({ previous: 'state' }, fd)).toBe('Cy');
  });

  it('runs the guard first and answers bad input with onInvalid', async () => {
    const order: string[] = [];
    const run = validatedAction(
      schema,
      async () => {
        order.push('action');
        return 'done';
      },
      { guard: () => void order.push('guard'), onInvalid: (e) => `refused ${e.issues.length}` },
    );
    expect(await run({ name: '', age: 1 })).toBe('refused 1');
    expect(order).toEqual(['guard']);
    expect(await run({ name: 'Di', age: 2 })).toBe('done');
    expect(order).toEqual(['guard', 'guard', 'action']);
  });
});
