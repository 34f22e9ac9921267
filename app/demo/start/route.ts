import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { findPersona, SHEET_PERSONA_COOKIE } from '@/lib/sandbox/ultra/personas';

const query = z.object({ persona: z.string().min(1, 'choose a persona').max(40) });

/**
 * Starts a tour by link: the diagram shows the calls made from this moment on, and the consent
 * sheet opens on the persona. A GET changes no session: the persona picker posts instead
 * (app/demo/actions.ts startDemoTour signs the previous customer out), and a tour step offers
 * the switch when someone else is signed in. Sandbox mode only.
 */
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
  const cookie = `${SHEET_PERSONA_COOKIE}=${parsed.data.persona}; Path=/; HttpOnly; SameSite=Lax; Max-Age=86400`;
  return new Response(null, {
    status: 303,
    headers: { location: next, 'cache-control': 'no-store', 'set-cookie': cookie },
  });
}
