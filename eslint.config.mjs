import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
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
  new RegExp(`^@/lib/partners/(${[...PARTNERS, 'http', 'client-cache'].join('|')})$`),
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

/**
 * Layers (docs/architecture.md#layers): dependencies point down, `app → components → lib/ops,
 * lib/auth → lib/orders → lib/outbox → lib/partners → lib/db → lib/config`; an import up that
 * list fails. lib/orders and lib/outbox are entered only by their doors from outside (lib/orders:
 * index.ts, browser.ts, jobs/ for the worker; lib/outbox: index.ts). Folders not in the list
 * (lib/security, lib/platform, lib/i18n, lib/actions, lib/api, lib/sandbox, ...) sit beside it and
 * are not ranked. Type-only imports count too: a type from a higher layer is a dependency on it.
 */
const LAYERS = [
  ['lib/config', 'lib/config-schema'],
  ['lib/db'],
  ['lib/partners'],
  ['lib/outbox'],
  ['lib/orders'],
  ['lib/ops', 'lib/auth'],
  ['components'],
  ['app'],
];
/**
 * Known upward imports, each kept on purpose (docs/architecture.md#layers). `[importing file or
 * folder, imported module]`. The call log's partner enum (lib/db/schema/integration-calls.ts)
 * derives from the partner registry: the registry is the one list of partners, beside their
 * folders and read by this file for the boundary rules above; it imports nothing, so lib/db
 * reading it forms no cycle and pulls in no partner code, and moving its names below lib/db
 * would split that one list in two.
 */
const UPWARD_EXCEPTIONS = [['lib/db/schema/integration-calls', 'lib/partners/registry']];
// lib/orders/jobs is the door of a process that runs only jobs (scripts/worker.ts): the full door
// also loads the pages' flows, and with them next-intl, which plain Node under react-server cannot load.
const DOORS = { 'lib/orders': ['', '/index', '/browser', '/jobs'], 'lib/outbox': ['', '/index'] };

const under = (path, dir) => path === dir || path.startsWith(`${dir}/`) || path.startsWith(`${dir}.`);
function layerOf(path) {
  return LAYERS.findIndex((dirs) => dirs.some((d) => under(path, d)));
}
/** The import's path from the repository root, without extension; null for a package. */
function targetOf(filename, spec) {
  let abs;
  if (spec.startsWith('@/')) abs = join(root, spec.slice(2));
  else if (spec.startsWith('.')) abs = join(dirname(filename), spec);
  else return null;
  return relative(root, abs)
    .split(sep)
    .join('/')
    .replace(/\.(ts|tsx|mjs|js)$/, '');
}

const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'no import up the layers, and lib/orders and lib/outbox only through their doors' },
    schema: [],
    messages: {
      upward: "'{{source}}' is in {{to}}, above {{from}}: dependencies point down (docs/architecture.md#layers).",
      deep: 'Import {{dir}} through its door: {{doors}}.',
    },
  },
  create(context) {
    const file = relative(root, context.filename).split(sep).join('/');
    const from = layerOf(file);
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const target = targetOf(context.filename, source);
      if (target === null) return;
      for (const [dir, doors] of Object.entries(DOORS)) {
        if (under(target, dir) && !under(file, dir) && !doors.some((d) => target === dir + d)) {
          const spelled = doors
            .filter((d) => d !== '/index')
            .map((d) => `'@/${dir}${d}'`)
            .join(' or ');
          context.report({ node, messageId: 'deep', data: { dir, doors: spelled } });
        }
      }
      const to = layerOf(target);
      const excepted = UPWARD_EXCEPTIONS.some(([f, t]) => under(file, f) && target === t);
      if (from >= 0 && to > from && !excepted) {
        context.report({ node, messageId: 'upward', data: { source, to: LAYERS[to][0], from: LAYERS[from][0] } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
    };
  },
};

const boundariesPlugin = { rules: { 'no-server-in-client': noServerInClient, layers } };
/*
 * Smaller pieces (issue 24 item 4): no source file over 300 lines and no function over 150 (tests
 * included), blank lines and comments counted. An exception is an `eslint-disable-next-line` (or
 * file) comment in place that says why.
 */
const TESTS = ['**/*.test.ts', '**/*.spec.ts', 'e2e/**', 'test/**'];
const size = [
  { files: [SOURCES], ignores: TESTS, rules: { 'max-lines': ['error', { max: 300 }] } },
  { files: [SOURCES], rules: { 'max-lines-per-function': ['error', { max: 150 }] } },
];

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
  ...size,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { boundaries: boundariesPlugin },
    rules: { 'boundaries/no-server-in-client': 'error' },
  },
  {
    // Tests may reach the internals they test (test/support too); the layers hold for the rest.
    files: [SOURCES],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'e2e/**'],
    plugins: { boundaries: boundariesPlugin },
    rules: { 'boundaries/layers': 'error' },
  },
];

export default config;
