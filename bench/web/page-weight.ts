import { gzipSync } from 'node:zlib';

/**
 * First-load JS of a page: every script the server-rendered HTML loads (`<script src>`), gzipped
 * at level 9 like a CDN would serve it, in KiB. The same rule for both apps, so the ratio is fair.
 */
export async function firstLoadJsKiB(pageUrl: string): Promise<{ kib: number; scripts: number }> {
  const html = await (await fetch(pageUrl)).text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!))];
  let bytes = 0;
  for (const src of srcs) {
    const res = await fetch(new URL(src.replaceAll('&amp;', '&'), pageUrl));
    if (!res.ok) throw new Error(`${src}: ${res.status}`);
    bytes += gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length;
  }
  return { kib: bytes / 1024, scripts: srcs.length };
}
