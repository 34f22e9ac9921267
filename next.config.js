// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets e2e runs and parallel builds use their own output folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // PGlite loads its WASM and data files from its own package folder at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm run typecheck` checks types once; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
};

module.exports = nextConfig;
