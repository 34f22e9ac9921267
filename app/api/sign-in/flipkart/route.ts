import { signInWithGrant } from '@/lib/auth/sign-in';
import type { SignInResult } from '@/lib/auth/errors';
import { readJsonBody } from '@/lib/api/json-body';
import { ApiProblem, problem, type ProblemOptions } from '@/lib/api/problem';
import { fromSameOrigin } from '@/lib/security/same-origin';
import { signInBody } from './schema';

export const dynamic = 'force-dynamic';

const answer = (result: SignInResult, status = 200) =>
  Response.json(result, { status, headers: { 'cache-control': 'no-store' } });
/** What the button reads of a refusal (a SignInResult), beside the problem body. */
const button = { ok: false, code: 'invalid_request' } satisfies SignInResult;
const refusal = (options: ProblemOptions = {}) => ({ ...options, extra: button });

/**
 * `POST /api/sign-in/flipkart` (JSON `{ grantToken, returnTo }`), from "Continue with Flipkart":
 * answers `{ ok, redirectTo }` with the session cookie, or `{ ok: false, code }`
 * (lib/auth/sign-in.ts says why this is a route and not a server action). Only from our own
 * pages, JSON only, a few KiB at most; anything else is refused before Flipkart is asked.
 */
export async function POST(req: Request): Promise<Response> {
  if (!fromSameOrigin(req.headers))
    return problem(
      'invalid_request',
      'origin: not one of this store’s pages',
      refusal({ status: 403, field: 'origin' }),
    );
  const body = await readJsonBody(req, signInBody, { maxBytes: 4096 });
  if (!body.ok)
    return new ApiProblem(body.problem.code, body.problem.message, refusal(body.problem.options)).toResponse();
  const result = await signInWithGrant(body.data.grantToken, body.data.returnTo);
  if (!result.ok && result.code === 'rate_limited') {
    const res = answer(result, 429);
    res.headers.set('retry-after', String(result.retryAfterSeconds ?? 60));
    return res;
  }
  return answer(result);
}
