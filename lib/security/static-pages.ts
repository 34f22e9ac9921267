import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { NextRequest } from 'next/server';
import { SESSION_COOKIE } from './session-cookie';
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from '@/lib/i18n/locales';

/**
 * The signed-out catalog and product pages, rendered once per language and served to every
 * signed-out visitor by proxy.ts with a script policy of hashes instead of a per-request nonce
 * (docs/architecture.md#script-policy). Signed out, these pages are the same for everyone who reads
 * one language: the header shows "Continue with Flipkart", nothing personal.
 *
 * Why here and not Next's static generation: the catalog lives in the database (known at run
 * time, not at `next build`), and the root layout's `<html lang>` comes from the request, which
 * a prerendered route under a locale segment cannot see (a layout does not get its child's
 * params). So the page is rendered by the app itself, through its ordinary dynamic route, once:
 * proxy.ts asks its own server for it without cookies, in the chosen language and without a
 * nonce, keeps the HTML with the sha256 of each inline script, and answers from that copy.
 */

/** A page that may be served from the rendered copy: its path and language. */
export interface StaticPageKey {
  path: string;
  locale: Locale;
}

export interface RenderedPage {
  html: string;
  /** `sha256-…` of every inline script, in first-seen order, each once. */
  hashes: string[];
  /** The render's own answer headers worth repeating (content type, caching, vary). */
  headers: [string, string][];
  at: number;
}

/**
 * As long as the catalog's own cache (lib/catalog/queries.ts): the catalog changes with a seed,
 * which forgets every copy at once in this process (forgetStaticPages); another instance's seed
 * on a shared PostgreSQL reaches this one within that time, as it does the dynamic pages.
 */
export const STATIC_PAGE_TTL_MS = 30_000;

/** Marks proxy.ts's own render request; its value is a secret of this process. */
export const RENDER_HEADER = 'x-storefront-static-render';

/** Said on every answer served from a copy (e2e and the bench check it). */
export const SERVED_HEADER = 'x-storefront-page';

const PRODUCT = /^\/products\/[a-z0-9-]{1,64}$/;
const KEPT_HEADERS = ['content-type', 'cache-control', 'vary', 'link'];

/** Next's Subresource Integrity manifest (`experimental.sri`): `static/chunks/x.js` → `sha256-…`. */
export type IntegrityManifest = Record<string, string>;

type Entry = { page?: RenderedPage; pending?: Promise<RenderedPage | null> };
// On globalThis: the proxy's bundle and the app's (the seed) each have a copy of this module.
const g = globalThis as unknown as {
  __staticPages?: { token: string; generation: number; entries: Map<string, Entry> };
  __sriManifest?: IntegrityManifest;
};
const state = () => (g.__staticPages ??= { token: randomBytes(32).toString('hex'), generation: 0, entries: new Map() });

/**
 * The page a request may get from the copy, or null: only a plain GET or HEAD of `/` or a product,
 * without a query, without the session cookie (signed in: rendered per request with a nonce), and
 * not a client navigation, prefetch or action (those ask for the RSC payload and stay dynamic).
 * The language as the page would pick it: the remembered choice, else Accept-Language.
 */
export function staticPageFor(request: NextRequest): StaticPageKey | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const { pathname, search } = request.nextUrl;
  if (search || (pathname !== '/' && !PRODUCT.test(pathname))) return null;
  const h = request.headers;
  if (h.has('rsc') || h.has('next-router-prefetch') || h.has('next-action') || h.has(RENDER_HEADER)) return null;
  if (request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name))) return null;
  const chosen = request.cookies.get(LOCALE_COOKIE)?.value;
  return { path: pathname, locale: isLocale(chosen) ? chosen : negotiateLocale(h.get('accept-language')) };
}

/** Whether a request is proxy.ts's own render request (the secret matches). */
export function isRenderRequest(request: Request): boolean {
  const given = request.headers.get(RENDER_HEADER);
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(state().token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The sha256 of each inline script's text (what a `'sha256-…'` source matches), each once. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(attrs!)) continue;
    hashes.add(`sha256-${createHash('sha256').update(body!, 'utf8').digest('base64')}`);
  }
  return [...hashes];
}

/**
 * Next names most script files of a page with their hash, but not the chunks of the client
 * components that React adds from the flight data (`<script async src>`): those get theirs from
 * Next's own manifest here, so every script file of the copy is checked by the browser.
 */
export function withIntegrity(html: string, manifest: IntegrityManifest): string {
  return html.replace(/<script\b([^>]*?)\ssrc="\/_next\/(static\/[^"?#]+)"([^>]*)>/g, (tag, before, file, after) => {
    const integrity = manifest[file];
    return !integrity || /\sintegrity=/.test(tag)
      ? tag
      : `<script${before} src="/_next/${file}"${after} integrity="${integrity}">`;
  });
}

/** The build's integrity manifest, read once (none: nothing is added). */
export function integrityManifest(buildDir: string): IntegrityManifest {
  if (!g.__sriManifest) {
    try {
      g.__sriManifest = JSON.parse(readFileSync(`${buildDir}/server/subresource-integrity-manifest.json`, 'utf8'));
    } catch {
      g.__sriManifest = {};
    }
  }
  return g.__sriManifest!;
}

/**
 * One render of the page through the app's dynamic route, asked of this server (`origin`): no
 * cookies (signed out), the language as Accept-Language, the secret header (proxy.ts then gives
 * it no nonce). Null if it is not a 200 HTML page (an unknown product: the dynamic route answers
 * its 404 itself).
 */
export async function renderPage(
  key: StaticPageKey,
  origin: string | undefined,
  integrity: IntegrityManifest = {},
): Promise<RenderedPage | null> {
  if (!origin) return null;
  const res = await fetch(`${origin}${key.path}`, {
    headers: { 'accept-language': key.locale, [RENDER_HEADER]: state().token },
    redirect: 'manual',
    cache: 'no-store',
  });
  if (res.status !== 200 || !res.headers.get('content-type')?.startsWith('text/html')) {
    // Read, not cancelled: the fetch inside Next tees the body, and cancelling one branch of a
    // tee waits for the other, so `body.cancel()` never returned (the request hung).
    await res.arrayBuffer().catch(() => undefined);
    return null;
  }
  const html = withIntegrity(await res.text(), integrity);
  const headers = KEPT_HEADERS.flatMap((n): [string, string][] => {
    const v = res.headers.get(n);
    return v ? [[n, v]] : [];
  });
  return { html, hashes: inlineScriptHashes(html), headers, at: Date.now() };
}

/**
 * The page's copy: the one held if any (a stale one is served while one render replaces it), else
 * the first render's (concurrent requests share it). Null when the page cannot be served from a
 * copy (the render failed or was not a page): the caller passes the request on.
 */
export async function staticPage(
  key: StaticPageKey,
  render: (key: StaticPageKey) => Promise<RenderedPage | null>,
): Promise<RenderedPage | null> {
  const { entries } = state();
  const id = `${key.locale} ${key.path}`;
  const entry = entries.get(id);
  if (entry?.page) {
    if (!entry.pending && Date.now() - entry.page.at > STATIC_PAGE_TTL_MS) void refresh(id, key, render);
    return entry.page;
  }
  return entry?.pending ?? refresh(id, key, render);
}

function refresh(
  id: string,
  key: StaticPageKey,
  render: (key: StaticPageKey) => Promise<RenderedPage | null>,
): Promise<RenderedPage | null> {
  const s = state();
  const generation = s.generation;
  const entry: Entry = s.entries.get(id) ?? {};
  s.entries.set(id, entry);
  const pending = render(key)
    .catch(() => null)
    .then((page) => {
      entry.pending = undefined;
      // A copy begun before the catalog changed is dropped; a page gone (404) is forgotten.
      if (s.generation !== generation || s.entries.get(id) !== entry) return page;
      if (page) entry.page = page;
      else s.entries.delete(id);
      return page;
    });
  entry.pending = pending;
  return pending;
}

/** The catalog changed (seed): every copy is rendered again on its next request. */
export function forgetStaticPages(): void {
  const s = state();
  s.generation++;
  s.entries.clear();
}
