import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonBody } from './json-body';
import { PROBLEM_STATUS, problem } from './problem';

const schema = z.object({ name: z.string().min(1, 'enter a name') });
const post = (body: string, type = 'application/json') =>
  new Request('https://store.example/api/x', { method: 'POST', headers: { 'content-type': type }, body });

describe('readJsonBody: bounded, JSON, the route schema; every refusal a problem naming the field', () => {
  it('answers the parsed body', async () => {
    expect(await readJsonBody(post('{"name":"a"}'), schema, { maxBytes: 100 })).toMatchObject({
      ok: true,
      data: { name: 'a' },
    });
  });

  it('refuses another content type (415), a body over the cap (413), bad JSON and bad fields (400)', async () => {
    const cases: [Request, number, string, string | undefined][] = [
      [
        post('name=a', 'application/x-www-form-urlencoded'),
        415,
        'content-type: must be application/json',
        'content-type',
      ],
      [post(JSON.stringify({ name: 'x'.repeat(200) })), 413, 'body: larger than 100 bytes', undefined],
      [post('{"name":'), 400, 'body: not valid JSON', 'body'],
      [post('{"name":""}'), 400, 'name: enter a name', 'name'],
    ];
    for (const [req, status, message, field] of cases) {
      const body = await readJsonBody(req, schema, { maxBytes: 100 });
      if (body.ok) throw new Error('accepted');
      const res = body.problem.toResponse();
      expect(res.status).toBe(status);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({
        error: status === 413 ? 'payload_too_large' : 'invalid_request',
        message,
        ...(field ? { field } : {}),
      });
    }
  });

  it('takes a form where the route allows one', async () => {
    const body = await readJsonBody(post('name=a', 'application/x-www-form-urlencoded'), schema, {
      maxBytes: 100,
      form: true,
    });
    expect(body).toMatchObject({ ok: true, data: { name: 'a' } });
  });

  it('problem(): the status from the code table, extra members kept', async () => {
    const res = problem('rate_limited', 'Too many requests.', { extra: { retryAfterSeconds: 5 } });
    expect(res.status).toBe(PROBLEM_STATUS.rate_limited);
    expect(await res.json()).toEqual({ error: 'rate_limited', message: 'Too many requests.', retryAfterSeconds: 5 });
  });
});
