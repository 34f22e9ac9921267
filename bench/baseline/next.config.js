// @ts-check
// The bench:web baseline: a hello-world Next.js app. It has no node_modules of its own; Node
// resolves next, react, react-dom and tailwindcss from the storefront's, so the versions match.

/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // As the storefront's next.config.js: route modules load on their first request, not all at start.
  experimental: { preloadEntriesOnStart: false },
};

module.exports = nextConfig;
