import { createHash } from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  forgetStaticPages,
  inlineScriptHashes,
  isRenderRequest,
  RENDER_HEADER,
  STATIC_PAGE_TTL_MS,
  staticPage,
  staticPageFor,
  type RenderedPage,
  type StaticPageKey,
  withIntegrity,
} from './static-pages';

const req = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(`https://shop.example.com${path}`, init);
const sha = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
const page = (html: string): RenderedPage => ({ html, hashes: inlineScriptHashes(html), headers: [], at: Date.now() });

afterEach(() => {
  forgetStaticPages();
  vi.useRealTimers();
});

describe('staticPageFor', () => {
  it('serves the catalog and products signed out, in the remembered language, else the browser’s', () => {
    expect(staticPageFor(req('/'))).toEqual({ path: '/', locale: 'en' });
    expect(
      staticPageFor(req('/products/premium-monthly', { headers: { 'accept-language': 'fr-CA,fr;q=0.9' } })),
    ).toEqual({
      path: '/products/premium-monthly',
      locale: 'fr',
    });
    const chosen = { 'accept-language': 'fr-CA', cookie: 'NEXT_LOCALE=en' };
    expect(staticPageFor(req('/', { headers: chosen }))).toEqual({ path: '/', locale: 'en' });
    expect(staticPageFor(req('/', { method: 'HEAD', headers: { cookie: 'NEXT_LOCALE=fr' } }))?.locale).toBe('fr');
  });

  it('leaves to the per-request render: signed in, other pages, queries, navigations, prefetches, actions, posts', () => {
    for (const cookie of ['authjs.session-token=x', '__Secure-authjs.session-token.0=x; NEXT_LOCALE=fr'])
      expect(staticPageFor(req('/', { headers: { cookie } }))).toBeNull();
    for (const path of ['/checkout/premium-monthly', '/orders', '/products', '/products/a/b', '/products/X', '/?a=1'])
      expect(staticPageFor(req(path)), path).toBeNull();
    for (const header of ['rsc', 'next-router-prefetch', 'next-action', RENDER_HEADER])
      expect(staticPageFor(req('/', { headers: { [header]: '1' } })), header).toBeNull();
    expect(staticPageFor(req('/', { method: 'POST' }))).toBeNull();
  });
});

describe('inlineScriptHashes', () => {
  it('hashes each inline script’s exact text once and skips script files', () => {
    const html =
      '<html><head><script src="/_next/static/a.js" async="" integrity="sha256-x"></script>' +
      '<script>(self.__next_f=self.__next_f||[]).push([0])</script></head><body>' +
      '<script>self.__next_f.push([1,"a\\u003cb"])</script><script>(self.__next_f=self.__next_f||[]).push([0])</script>' +
      '<script type="module">é</script></body></html>';
    expect(inlineScriptHashes(html)).toEqual([
      sha('(self.__next_f=self.__next_f||[]).push([0])'),
      sha('self.__next_f.push([1,"a\\u003cb"])'),
      sha('é'),
    ]);
    expect(inlineScriptHashes('<p>no scripts</p>')).toEqual([]);
  });
});

describe('withIntegrity', () => {
  it('names the script files Next left without a hash from its manifest, and keeps the others', () => {
    const manifest = { 'static/chunks/a.js': 'sha256-A', 'static/chunks/b.js': 'sha256-B' };
    const html =
      '<script src="/_next/static/chunks/a.js" async="" integrity="sha256-A"></script>' +
      '<script src="/_next/static/chunks/b.js" async=""></script><script src="/_next/static/chunks/c.js"></script>' +
      '<script>self.__next_f.push([0])</script>';
    expect(withIntegrity(html, manifest)).toBe(
      '<script src="/_next/static/chunks/a.js" async="" integrity="sha256-A"></script>' +
        '<script src="/_next/static/chunks/b.js" async="" integrity="sha256-B"></script><script src="/_next/static/chunks/c.js"></script>' +
        '<script>self.__next_f.push([0])</script>',
    );
  });
});

describe('staticPage', () => {
  const key: StaticPageKey = { path: '/', locale: 'fr' };

  it('renders once for concurrent requests and serves that copy afterwards', async () => {
    const render = vi.fn(async () => page('<script>1</script>'));
    const [a, b] = await Promise.all([staticPage(key, render), staticPage(key, render)]);
    expect(a).toBe(b);
    expect(await staticPage(key, render)).toBe(a);
    expect(render).toHaveBeenCalledTimes(1);
    expect(a?.hashes).toEqual([sha('1')]);
    // Another language is another copy.
    await staticPage({ path: '/', locale: 'en' }, render);
    expect(render).toHaveBeenCalledTimes(2);
  });

  it('serves a stale copy while one render replaces it', async () => {
    vi.useFakeTimers({ now: 0 });
    let n = 0;
    const render = vi.fn(async () => page(`<script>${++n}</script>`));
    const first = await staticPage(key, render);
    vi.setSystemTime(STATIC_PAGE_TTL_MS + 1);
    expect(await staticPage(key, render)).toBe(first);
    expect(await staticPage(key, render)).toBe(first);
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(2));
    await Promise.resolve();
    expect((await staticPage(key, render))?.hashes).toEqual([sha('2')]);
  });

  it('keeps nothing of a page that is not one (unknown product) or a failed render', async () => {
    const render = vi.fn(async () => null);
    expect(await staticPage({ path: '/products/gone', locale: 'en' }, render)).toBeNull();
    expect(await staticPage({ path: '/products/gone', locale: 'en' }, render)).toBeNull();
    expect(render).toHaveBeenCalledTimes(2);
    const failing = vi.fn(async (): Promise<RenderedPage | null> => {
      throw new Error('down');
    });
    expect(await staticPage(key, failing)).toBeNull();
  });

  it('renders again after the catalog changed, and drops a render begun before the change', async () => {
    let release!: (p: RenderedPage) => void;
    const slow = () => new Promise<RenderedPage>((resolve) => (release = resolve));
    const pending = staticPage(key, slow);
    forgetStaticPages();
    release(page('<script>old</script>'));
    await pending;
    const render = vi.fn(async () => page('<script>new</script>'));
    expect((await staticPage(key, render))?.hashes).toEqual([sha('new')]);
    expect(render).toHaveBeenCalledTimes(1);
  });
});

describe('isRenderRequest', () => {
  it('knows only its own secret', () => {
    expect(isRenderRequest(req('/', { headers: { [RENDER_HEADER]: 'guess' } }))).toBe(false);
    expect(isRenderRequest(req('/'))).toBe(false);
  });
});
