import { gzipSync } from 'node:zlib';

/** The scripts a server-rendered page loads (`<script src>`), once each, as absolute URLs. */
export function scriptUrls(html: string, pageUrl: string): string[] {
  const srcs = [...new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!))];
  return srcs.map((src) => new URL(src.replaceAll('&amp;', '&'), pageUrl).href);
}

/**
 * First-load JS of a page: every script the server-rendered HTML loads (`<script src>`), gzipped
 * at level 9 like a CDN would serve it, in KiB. The same rule for both apps, so the ratio is fair.
 * `headers` (e.g. a session cookie) reach the page, not the scripts. Deterministic for one build:
 * the CI weight budget (bench/js-budget.ts) uses it too.
 */
export async function firstLoadJsKiB(
  pageUrl: string,
  headers: Record<string, string> = {},
): Promise<{ kib: number; scripts: number; finalUrl: string }> {
  const res = await fetch(pageUrl, { headers });
  const urls = scriptUrls(await res.text(), res.url);
  let bytes = 0;
  for (const url of urls) {
    const script = await fetch(url);
    if (!script.ok) throw new Error(`${url}: ${script.status}`);
    bytes += gzipSync(Buffer.from(await script.arrayBuffer()), { level: 9 }).length;
  }
  // `finalUrl`: where redirects led (a signed-out checkout weighs the sign-in page).
  return { kib: bytes / 1024, scripts: urls.length, finalUrl: res.url };
}
