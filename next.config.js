// @ts-check
// This file is CommonJS (no "type": "module"), so the plugin comes in with require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createNextIntlPlugin = require('next-intl/plugin');

// Storefront English and French: the per-request locale and messages (lib/i18n/request.ts).
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets e2e runs and parallel builds use their own output folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // PGlite loads its WASM and data files from its own package folder at run time;
  // rate-limiter-flexible imports drizzle-orm by a computed name, which a bundle cannot resolve.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'rate-limiter-flexible'],
  poweredByHeader: false,
  // proxy.ts sees the request as it came: by default Next hides a client navigation's or
  // prefetch's `rsc` headers and `_rsc` query from the proxy, which then took them for a page
  // load and answered the signed-out copy's HTML where the router wanted its RSC payload
  // (lib/security/static-pages.ts, staticPageFor). With the app router only, nothing else changes.
  skipProxyUrlNormalize: true,
  // Route modules load on their first request instead of all at start (Next preloads every route
  // by default): rarely visited routes (ops console, sandbox, demo) then cost no memory, and the
  // start-up work that precedes the first page is only that page's. bench/baseline does the same.
  // The proxy (proxy.ts) sees a copy of every request body, held in memory up to this size (Next's
  // default is 10 MB); beyond it Next passes on only the first 1 MB and drains the rest. Every
  // handler caps far lower (4 KB sign-in, 64 KB webhook, 1 MB forms), and proxy.ts answers 413
  // to a declared Content-Length above it (docs/deploy.md#request-bodies).
  // Subresource Integrity: every script file of a page is named with its sha256 (`integrity`), so
  // a changed file on the way is refused (docs/architecture.md#script-policy).
  experimental: { preloadEntriesOnStart: false, proxyClientMaxBodySize: 1024 * 1024, sri: { algorithm: 'sha256' } },
  reactStrictMode: true,
  // `npm run typecheck` checks types once; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  // The product pictures in /public change only with a deploy: browsers keep them a day and may use
  // a stale copy for a week while they check for a new one (Next serves /public with max-age=0).
  async headers() {
    return [
      {
        source: '/products/:image(.+\\.svg)',
        headers: [{ key: 'Cache-Control', value: 'public, max-age=86400, stale-while-revalidate=604800' }],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
