import type { z } from 'zod';
import { readSmallBody } from '@/lib/security/small-body';
import { ApiProblem, invalidInput, type ProblemCode } from './problem';

/**
 * The one way a route handler reads its body: bounded (`lib/security/small-body.ts` counts the
 * bytes as they stream in), then JSON (or a form, where the route takes one), then the route's
 * zod schema. Every refusal is an `ApiProblem` naming the field: 413 over the limit, 415 for a
 * content type the route does not take, 400 for anything that does not parse. Never a throw.
 */
export type Body<T> = { ok: true; data: T; text: string } | { ok: false; problem: ApiProblem };

export type JsonBodyOptions = {
  maxBytes: number;
  /** Also take `application/x-www-form-urlencoded` (read as a flat object of strings). */
  form?: boolean;
  /** The code of a refused body (default `invalid_request`). */
  code?: ProblemCode;
};

/** The raw text, at most `maxBytes` (a signature is checked over it before anything is parsed). */
export async function readBody(
  req: Request,
  maxBytes: number,
  code: ProblemCode = 'invalid_request',
): Promise<{ ok: true; text: string } | { ok: false; problem: ApiProblem }> {
  const body = await readSmallBody(req, maxBytes);
  if (body.ok) return body;
  const tooLarge = body.status === 413;
  return {
    ok: false,
    problem: new ApiProblem(tooLarge ? 'payload_too_large' : code, body.message, { status: body.status }),
  };
}

/** Parses `text` as JSON (or a form) with `schema`. */
export function parseBody<S extends z.ZodType>(
  text: string,
  schema: S,
  { form = false, code = 'invalid_request', contentType = 'application/json' } = {} as {
    form?: boolean;
    code?: ProblemCode;
    contentType?: string;
  },
): Body<z.output<S>> {
  let raw: unknown;
  if (form && !contentType.toLowerCase().includes('json')) {
    raw = Object.fromEntries(new URLSearchParams(text));
  } else {
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, problem: new ApiProblem(code, 'body: not valid JSON', { field: 'body' }) };
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: invalidInput(parsed.error, code) };
  return { ok: true, data: parsed.data, text };
}

/** Reads, bounds and parses a JSON body (or a form, with `form: true`) with the route's schema. */
export async function readJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  { maxBytes, form = false, code = 'invalid_request' }: JsonBodyOptions,
): Promise<Body<z.output<S>>> {
  const contentType = req.headers.get('content-type') ?? '';
  if (!form && !contentType.toLowerCase().startsWith('application/json')) {
    return {
      ok: false,
      problem: new ApiProblem(code, 'content-type: must be application/json', { status: 415, field: 'content-type' }),
    };
  }
  const body = await readBody(req, maxBytes, code);
  if (!body.ok) return body;
  return parseBody(body.text, schema, { form, code, contentType });
}
