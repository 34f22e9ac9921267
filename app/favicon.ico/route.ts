/**
 * Browsers and crawlers ask for /favicon.ico whatever the page links to; send them to the
 * store's SVG icon (app/icon.svg) instead of a 404 on every first visit. A relative Location,
 * so no client-written Host header ends up in the answer.
 */
export function GET() {
  return new Response(null, { status: 308, headers: { location: '/icon.svg' } });
}
