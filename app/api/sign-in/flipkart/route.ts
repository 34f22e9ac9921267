import { signInWithGrant } from '@/lib/auth/sign-in';
import type { SignInResult } from '@/lib/auth/errors';
import { fromSameOrigin } from '@/lib/security/same-origin';
import { readSmallBody } from '@/lib/security/small-body';
import { signInBody } from './schema';

export const dynamic = 'force-dynamic';

const answer = (result: SignInResult, status = 200) =>
  Response.json(result, { status, headers: { 'cache-control': 'no-store' } });
/** A request no sign-in can come from: the code the button knows, and which part was wrong and why. */
const refused = (status: number, message: string) =>
  Response.json({ ok: false, code: 'invalid_request', message } satisfies SignInResult & { message: string }, {
    status,
    headers: { 'cache-control': 'no-store' },
  });

/**
 * `POST /api/sign-in/flipkart` (JSON `{ grantToken, returnTo }`), from "Continue with Flipkart":
 * answers `{ ok, redirectTo }` with the session cookie, or `{ ok: false, code }`
 * (lib/auth/sign-in.ts says why this is a route and not a server action). Only from our own
 * pages, JSON only, a few KiB at most; anything else is refused before Flipkart is asked.
 */
export async function POST(req: Request): Promise<Response> {
  if (!fromSameOrigin(req.headers)) return refused(403, 'origin: not one of this store’s pages');
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json'))
    return refused(415, 'content-type: must be application/json');
  const body = await readSmallBody(req, 4096);
  if (!body.ok) return refused(body.status, body.message);
  let raw: unknown;
  try {
    raw = JSON.parse(body.text);
  } catch {
    return refused(400, 'body: not valid JSON');
  }
  const parsed = signInBody.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return refused(400, `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const result = await signInWithGrant(parsed.data.grantToken, parsed.data.returnTo);
  if (!result.ok && result.code === 'rate_limited') {
    const res = answer(result, 429);
    res.headers.set('retry-after', String(result.retryAfterSeconds ?? 60));
    return res;
  }
  return answer(result);
}
