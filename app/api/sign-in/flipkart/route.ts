import { signInWithGrant } from '@/lib/auth/sign-in';
import type { SignInResult } from '@/lib/auth/errors';
import { fromSameOrigin } from '@/lib/security/same-origin';
import { readSmallBody } from '@/lib/security/small-body';
import { signInBody } from './schema';

export const dynamic = 'force-dynamic';

const answer = (result: SignInResult, status = 200) =>
  Response.json(result, { status, headers: { 'cache-control': 'no-store' } });
const refused: SignInResult = { ok: false, code: 'invalid_request' };

/**
 * `POST /api/sign-in/flipkart` (JSON `{ grantToken, returnTo }`), from "Continue with Flipkart":
 * answers `{ ok, redirectTo }` with the session cookie, or `{ ok: false, code }`
 * (lib/auth/sign-in.ts says why this is a route and not a server action). Only from our own
 * pages, JSON only, a few KiB at most.
 */
export async function POST(req: Request): Promise<Response> {
  if (!fromSameOrigin(req.headers)) return answer(refused, 403);
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json'))
    return answer(refused, 415);
  const body = await readSmallBody(req, 4096);
  if (!body.ok) return answer(refused, body.status);
  let raw: unknown;
  try {
    raw = JSON.parse(body.text);
  } catch {
    return answer(refused, 400);
  }
  const parsed = signInBody.safeParse(raw);
  if (!parsed.success) return answer(refused, 400);
  return answer(await signInWithGrant(parsed.data.grantToken, parsed.data.returnTo));
}
