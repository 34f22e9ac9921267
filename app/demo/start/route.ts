import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { findPersona } from '@/lib/sandbox/ultra/personas';

const query = z.object({ persona: z.string().min(1, 'choose a persona').max(40) });

/** Starts a tour: the diagram shows the calls made from this moment on. Sandbox mode only. */
export function GET(req: Request): Response {
  if (!getConfig().sandbox) return new Response('Not found', { status: 404 });
  const url = new URL(req.url);
  const parsed = query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success || !findPersona(parsed.data.persona)) {
    const message = parsed.success
      ? `persona: no persona "${parsed.data.persona}"`
      : `persona: ${parsed.error.issues[0]?.message}`;
    return new Response(message, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const next = `/demo/tour/sign-in?${new URLSearchParams({ persona: parsed.data.persona, since: String(Date.now()) })}`;
  return new Response(null, { status: 303, headers: { location: next, 'cache-control': 'no-store' } });
}
