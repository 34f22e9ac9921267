import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { createJiti } from 'jiti';

const root = dirname(fileURLToPath(import.meta.url));

/*
 * Boundaries (docs/architecture.md#boundaries). Each rule below is proved to fire by
 * test/boundaries.test.ts, which lints small violating snippets.
 */
/** The partner folders, from the one registry (lib/partners/registry.ts: plain TypeScript, loaded with jiti). */
const { PARTNER_FOLDERS: PARTNERS } = await createJiti(import.meta.url).import('./lib/partners/registry.ts');
/** The core: never imports the sandbox, which plugs itself in through lib/platform/hooks.ts. */
const CORE = ['orders', 'outbox', 'db', 'partners', 'auth'];

/**
 * A partner's internals: anything in its folder but its doors, index.ts (server) and browser.ts.
 * `sibling`: also the relative spelling from another partner's folder (`../flexiti/client`).
 */
const partnerInternals = (partner, sibling = false) => ({
  regex: `(^@/lib/partners/${partner}/(?!browser$)[^/]+|(^|/)partners/${partner}/(?!browser$)[^/]+${sibling ? `|^\\.\\./${partner}/(?!browser$)` : ''})`,
  message: `Import lib/partners/${partner} through its door: '@/lib/partners/${partner}' (server) or '@/lib/partners/${partner}/browser'.`,
});
const childInternals = (partner) => ({
  regex: `^\\./${partner}/(?!browser$)`,
  message: `Import lib/partners/${partner} through its door: './${partner}' (server) or './${partner}/browser'.`,
});
const sandbox = {
  regex: '(^@/lib/sandbox(/|$)|(^|/)lib/sandbox(/|$)|^(\\.\\./)+sandbox(/|$))',
  message:
    'The core (lib/orders, outbox, db, partners, auth) never imports lib/sandbox: use a hook (lib/platform/hooks.ts) that lib/sandbox/install.ts registers.',
};
/** app/ does not query: no drizzle, no tables. (It may still pass `getDb()` to a lib function.) */
const appQueries = {
  regex: '^(drizzle-orm(/|$)|@/lib/db/schema(/|$))',
  message: 'app/ holds routes only: queries live in lib/ (call a lib function).',
};

/** One config object per group of files, each with its whole pattern list (flat config replaces, never merges, a rule's options). */
function restrict(files, patterns, ignores = []) {
  return { files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}
const allInternals = PARTNERS.map((p) => partnerInternals(p));
const otherInternals = (partner) => PARTNERS.filter((p) => p !== partner).map((p) => partnerInternals(p, true));
const SOURCES = '**/*.{ts,tsx,mts,mjs,js}';
const coreOutsidePartners = CORE.filter((d) => d !== 'partners').map((d) => `lib/${d}/**`);
const boundaries = [
  restrict([SOURCES], allInternals, ['lib/partners/**', ...coreOutsidePartners, 'app/**']),
  restrict(coreOutsidePartners, [...allInternals, sandbox]),
  // The shared files beside the partner folders (http.ts, errors.ts, ...): also `./<partner>/x`.
  restrict(['lib/partners/*.{ts,tsx}'], [...allInternals, ...PARTNERS.map(childInternals), sandbox]),
  ...PARTNERS.map((p) => restrict([`lib/partners/${p}/**`], [...otherInternals(p), sandbox])),
  restrict(['app/**'], [...allInternals, appQueries]),
];

/**
 * A file that starts with 'use client' runs in the browser: it may import server actions ('use
 * server' modules) and isomorphic code, never a module that declares `import 'server-only'` nor
 * the server's own layers. Type-only imports are erased and allowed.
 */
const SERVER_SIDE = [
  /^server-only$/,
  /^drizzle-orm(\/|$)/,
  /^@\/lib\/(db|outbox|config|security)(\/|$)/,
  new RegExp(`^@/lib/partners/(${[...PARTNERS, 'http', 'client-cache', 'redact'].join('|')})$`),
];

function resolveAlias(spec) {
  if (!spec.startsWith('@/')) return null;
  const base = join(root, spec.slice(2));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function isServerOnlyModule(spec) {
  const file = resolveAlias(spec);
  if (!file) return false;
  const text = readFileSync(file, 'utf8');
  if (/^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*['"]use server['"]/.test(text)) return false;
  return /^\s*import\s+['"]server-only['"]/m.test(text);
}

const noServerInClient = {
  meta: {
    type: 'problem',
    docs: { description: "a 'use client' file imports no server-only code" },
    schema: [],
    messages: {
      serverImport:
        "'{{source}}' is server-side code; a 'use client' file may import only isomorphic modules and server actions.",
    },
  },
  create(context) {
    const body = context.sourceCode.ast.body;
    const isClient = body.some((node) => node.type === 'ExpressionStatement' && node.directive === 'use client');
    if (!isClient) return {};
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (SERVER_SIDE.some((re) => re.test(source)) || isServerOnlyModule(source)) {
        context.report({ node, messageId: 'serverImport', data: { source } });
      }
    };
    return {
      ImportDeclaration(node) {
        if (node.importKind === 'type') return;
        if (node.specifiers.length && node.specifiers.every((s) => s.importKind === 'type')) return;
        check(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value);
      },
      ExportNamedDeclaration(node) {
        if (node.source && node.exportKind !== 'type') check(node, node.source.value);
      },
      ExportAllDeclaration(node) {
        if (node.exportKind !== 'type') check(node, node.source.value);
      },
    };
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next*/**',
      '.data/**',
      'node_modules/**',
      'lib/db/migrations/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      'bench/baseline/.next*/**',
    ],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...boundaries,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { boundaries: { rules: { 'no-server-in-client': noServerInClient } } },
    rules: { 'boundaries/no-server-in-client': 'error' },
  },
];

export default config;
