/**
 * `npm run bench:web`: the built storefront side by side with a hello-world Next.js app of the
 * same versions (bench/baseline, resolved from this repo's node_modules), measured interleaved in
 * one run on loopback. Prints a table with ratios and each goal beside its figure and
 * exits 1 when a goal is missed. Flags: --rounds=N (default 3), --seconds=N of load per target
 * (default 5), --no-build (reuse both builds). BENCH_PORT_BASE picks the ports (default: free ones),
 * BENCH_DATABASE_URL adds one app round on PostgreSQL (throughput and memory, for information).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partnerCallsSince } from './call-log';
import { signedInCookie, signInAndCheckout, type ActionSample } from './flows';
import { audits, type FormFactor } from './lighthouse';
import { throughput } from './load';
import { serverOverheadMs } from './overhead';
import { firstLoadJsKiB } from './page-weight';
import { judge, median, table, type Row } from './report';
import { run, startServer, type RunningServer } from './servers';

const root = process.cwd();
const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k!, v ?? 'true'] as const;
  }),
);
const rounds = Number(args.get('rounds') ?? 3);
const seconds = Number(args.get('seconds') ?? 5);
const CONNECTIONS = 10;
const PRODUCT = 'premium-monthly';
// Each walk-through buys another plan, so none finds the previous one's order.
const WALK_THROUGH_PLANS = ['premium-monthly', 'super-monthly', 'mobile-monthly'];
/**
 * Walk-throughs per app round, all measured. The first after a start also pays one-time costs
 * (the action modules loaded, code not yet optimised); the p50 is of every action, as a
 * customer meets them, and the first one is reported beside it.
 */
const WALKS_PER_ROUND = 3;
const APP_PAGES = { catalog: '/', product: `/products/${PRODUCT}`, checkout: `/checkout/${PRODUCT}` } as const;
type AppPage = keyof typeof APP_PAGES;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function ports(): Promise<[number, number, number]> {
  const base = Number(process.env.BENCH_PORT_BASE);
  if (base) return [base, base + 1, base + 2];
  return [await freePort(), await freePort(), await freePort()];
}

/** Figures collected per round, medians taken at the end. */
const samples = new Map<string, number[]>();
const add = (key: string, value: number) => samples.set(key, [...(samples.get(key) ?? []), value]);
const med = (key: string) => median(samples.get(key) ?? []);

function log(message: string) {
  console.log(`[bench:web ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function versions(): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  return ['next', 'react', 'react-dom', 'tailwindcss'].map((n) => `${n} ${deps[n]}`).join(', ');
}

async function lighthouseRound(
  chromePort: number,
  who: 'app' | 'base',
  pages: [string, string][],
  formFactors: FormFactor[],
) {
  const jobs = formFactors.flatMap((formFactor) => pages.map(([name, url]) => ({ name, url, formFactor })));
  const figures = await audits(chromePort, jobs);
  jobs.forEach(({ name, formFactor }, i) => {
    for (const [k, v] of Object.entries(figures[i]!)) add(`${who}.lh.${formFactor}.${name}.${k}`, v);
  });
}

/** The page greets the customer by name with `headers`: the signed-in rows measure signed-in pages. */
async function expectSignedIn(url: string, headers: Record<string, string>) {
  const html = await (await fetch(url, { headers })).text();
  if (!html.includes('data-testid="account-name"')) throw new Error(`${url}: not signed in with the bench's cookie`);
}

async function main() {
  const started = Date.now();
  const [appPort, basePort, chromePort] = await ports();
  const dataDir = process.env.BENCH_DATA_DIR || mkdtempSync(join(tmpdir(), 'bench-web-'));
  const startScript = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start as string;
  const appEnv = { SANDBOX: 'on', DATA_DIR: dataDir, APP_URL: `http://127.0.0.1:${appPort}` };
  const appLog: string[] = [];
  const baseLog: string[] = [];
  log(`versions from package.json: ${versions()}; ${rounds} rounds, ${seconds} s of load per target`);

  if (args.get('build') !== 'false' && !args.has('no-build')) {
    log('building the app (next build)…');
    await run('next build', root, root);
    log('building the hello world (next build bench/baseline)…');
    await run('next build bench/baseline', root, root);
  }
  // An installed deployment: migrated and seeded once, before the measured starts.
  await run('tsx --conditions=react-server scripts/preflight.ts', root, root, appEnv);

  const app = {
    command: `${startScript} -p ${appPort} -H 127.0.0.1`,
    cwd: root,
    port: appPort,
    env: appEnv,
    readyPath: '/',
    log: appLog,
  };
  const base = {
    command: `next start bench/baseline -p ${basePort} -H 127.0.0.1`,
    cwd: root,
    port: basePort,
    env: {},
    readyPath: '/',
    log: baseLog,
  };

  const actions: { sample: ActionSample; first: boolean }[] = [];
  // A signed-in customer's cookie, made in the first app round (the session outlives restarts).
  let signedIn: Record<string, string> | undefined;
  let sinceMs = Infinity;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? (['base', 'app'] as const) : (['app', 'base'] as const);
    for (const who of order) {
      log(`round ${r + 1}/${rounds}: ${who === 'app' ? 'storefront' : 'hello world'}`);
      const server: RunningServer = await startServer(who === 'app' ? app : base, root);
      try {
        add(`${who}.coldStart`, server.coldStartMs);
        add(`${who}.rssIdle`, server.rssMiB());
        const u = (path: string) => `${server.url}${path}`;
        if (who === 'app') {
          if (r === 0)
            for (const [name, path] of Object.entries(APP_PAGES))
              add(`app.js.${name}`, (await firstLoadJsKiB(u(path))).kib);
          add('app.rps.catalog', await throughput(u(APP_PAGES.catalog), { seconds, connections: CONNECTIONS }));
          add('app.rps.product', await throughput(u(APP_PAGES.product), { seconds, connections: CONNECTIONS }));
          signedIn ??= { cookie: await signedInCookie(server.url, APP_PAGES.checkout) };
          await expectSignedIn(u(APP_PAGES.catalog), signedIn);
          for (const page of ['catalog', 'product'] as const)
            add(
              `app.rps.${page}.signedIn`,
              await throughput(u(APP_PAGES[page]), { seconds, connections: CONNECTIONS, headers: signedIn }),
            );
        } else {
          if (r === 0) add('base.js', (await firstLoadJsKiB(u('/'))).kib);
          add('base.rps.dynamic', await throughput(u('/dynamic'), { seconds, connections: CONNECTIONS }));
          add('base.rps.static', await throughput(u('/'), { seconds, connections: CONNECTIONS }));
        }
        add(`${who}.rss`, server.rssMiB());
        // Desktop once (accessibility and a desktop score for information), mobile every round.
        const formFactors: FormFactor[] = r === 0 ? ['mobile', 'desktop'] : ['mobile'];
        const pages: [string, string][] =
          who === 'app' ? Object.entries(APP_PAGES).map(([n, p]) => [n, u(p)]) : [['hello', u('/')]];
        await lighthouseRound(chromePort, who, pages, formFactors);
        if (who === 'app') {
          sinceMs = Math.min(sinceMs, Date.now());
          for (let w = 0; w < WALKS_PER_ROUND; w++) {
            const plan = WALK_THROUGH_PLANS[(r * WALKS_PER_ROUND + w) % WALK_THROUGH_PLANS.length]!;
            try {
              for (const sample of await signInAndCheckout(server.url, plan)) actions.push({ sample, first: w === 0 });
            } catch (e) {
              // One failed walk-through leaves its figures out of the medians; none at all fails the goal.
              log(`sign-in and checkout walk-through failed: ${(e as Error).message.split('\n')[0]}`);
            }
          }
        }
      } finally {
        await server.stop();
      }
    }
  }

  // The call log, read with the server stopped; each action minus its partners' round trips.
  try {
    const calls = actions.length
      ? await partnerCallsSince({ kind: 'pglite', dir: join(dataDir, 'pglite') }, sinceMs - 1000)
      : [];
    for (const { sample, first } of actions) {
      const overhead = serverOverheadMs(sample, calls);
      add(`overhead.${sample.flow}`, overhead);
      if (first) add(`overhead.first.${sample.flow}`, overhead);
    }
  } catch (e) {
    log(`could not read the call log: ${(e as Error).message.split('\n')[0]} (${String((e as Error).cause)})`);
  }

  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) {
    log('one more storefront round on PostgreSQL (information)');
    // A throwaway bench database: the sandbox needs the explicit opt-in beside a DATABASE_URL.
    const pgEnv = { ...appEnv, DATABASE_URL: pgUrl, SANDBOX_PUBLIC_DEMO: 'yes' };
    await run('tsx --conditions=react-server scripts/preflight.ts', root, root, pgEnv);
    const server = await startServer({ ...app, env: pgEnv }, root);
    try {
      add('pg.coldStart', server.coldStartMs);
      add('pg.rps.catalog', await throughput(`${server.url}/`, { seconds, connections: CONNECTIONS }));
      add('pg.rss', server.rssMiB());
    } finally {
      await server.stop();
    }
  }
  if (!process.env.BENCH_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });

  const rows: Row[] = [];
  /** A row comparing two medians: the app's figure under `appKey`, the hello world's under `baseKey`. */
  const vs = (metric: string, appKey: string, baseKey: string, unit: string, goal: Row['goal']): Row => ({
    metric,
    app: med(appKey),
    baseline: med(baseKey),
    unit,
    goal,
  });
  const pageNames: Record<AppPage, string> = {
    catalog: '`/`',
    product: 'product',
    checkout: '`/checkout/premium-monthly`',
  };
  for (const p of Object.keys(APP_PAGES) as AppPage[])
    rows.push(
      vs(`First-load JS, gzip, ${pageNames[p]}`, `app.js.${p}`, 'base.js', 'KiB', {
        kind: 'ratio-max',
        max: p === 'checkout' ? 1.1 : 1.03,
      }),
    );
  for (const p of Object.keys(APP_PAGES) as AppPage[]) {
    const where = `${pageNames[p]} (signed out)`;
    const lh = (metric: string, k: string, goal: Row['goal'], unit = '', ff: FormFactor = 'mobile') =>
      vs(`${metric}, ${where}`, `app.lh.${ff}.${p}.${k}`, `base.lh.${ff}.hello.${k}`, unit, goal);
    // The lower of the mobile and desktop scores: both must be 1.00.
    const accessibility = (who: 'app' | 'base') => {
      const page = who === 'app' ? p : 'hello';
      return Math.min(med(`${who}.lh.mobile.${page}.accessibility`), med(`${who}.lh.desktop.${page}.accessibility`));
    };
    rows.push(
      lh('Lighthouse mobile performance', 'performance', { kind: 'score', slack: 0.02 }),
      lh('Mobile LCP', 'lcpMs', { kind: 'ratio-max', max: 1.1 }, 'ms'),
      lh('Mobile TBT', 'tbtMs', { kind: 'ratio-max', max: 1.2 }, 'ms'),
      {
        metric: `Accessibility mobile / desktop, ${where}`,
        app: accessibility('app'),
        baseline: accessibility('base'),
        unit: '',
        goal: { kind: 'at-least', min: 1 },
      },
      lh('Lighthouse desktop performance', 'performance', { kind: 'info' }, '', 'desktop'),
    );
  }
  rows.push(
    // Signed out (autocannon sends no cookie): the shared copy per language (docs/architecture.md#script-policy).
    vs('Throughput `/` signed out vs the static hello world', 'app.rps.catalog', 'base.rps.static', 'req/s', {
      kind: 'ratio-min',
      min: 0.8,
    }),
    vs('Throughput product signed out vs the static hello world', 'app.rps.product', 'base.rps.static', 'req/s', {
      kind: 'ratio-min',
      min: 0.8,
    }),
    vs('Throughput `/` signed out vs the dynamic hello world', 'app.rps.catalog', 'base.rps.dynamic', 'req/s', {
      kind: 'info',
    }),
    vs('Throughput `/` signed in vs the dynamic hello world', 'app.rps.catalog.signedIn', 'base.rps.dynamic', 'req/s', {
      kind: 'ratio-min',
      min: 1,
    }),
    vs(
      'Throughput product signed in vs the dynamic hello world',
      'app.rps.product.signedIn',
      'base.rps.dynamic',
      'req/s',
      { kind: 'ratio-min', min: 1 },
    ),
    vs('Cold start (start command to the first 200 on `/`)', 'app.coldStart', 'base.coldStart', 'ms', {
      kind: 'ratio-max',
      max: 2,
    }),
    vs('Server RSS after the load test (PGlite)', 'app.rss', 'base.rss', 'MiB', { kind: 'ratio-max', max: 2 }),
    vs('Server RSS idle after start', 'app.rssIdle', 'base.rssIdle', 'MiB', { kind: 'info' }),
  );
  if (pgUrl)
    rows.push(
      vs('PostgreSQL: server RSS after load', 'pg.rss', 'base.rss', 'MiB', { kind: 'info' }),
      vs('PostgreSQL: throughput `/`', 'pg.rps.catalog', 'base.rps.dynamic', 'req/s', { kind: 'info' }),
      vs('PostgreSQL: cold start', 'pg.coldStart', 'base.coldStart', 'ms', { kind: 'info' }),
    );
  for (const flow of ['sign-in', 'checkout start', 'checkout confirm'] as const)
    rows.push(
      {
        metric: `Server overhead p50, ${flow} (beyond partner calls)`,
        app: med(`overhead.${flow}`),
        unit: 'ms',
        goal: { kind: 'at-most', max: 10 },
      },
      {
        metric: `Server overhead, ${flow}, first after a start (median of rounds)`,
        app: med(`overhead.first.${flow}`),
        unit: 'ms',
        goal: { kind: 'info' },
      },
    );

  const verdicts = rows.map(judge);
  console.log(
    `\nbench:web — ${versions()}; medians of ${rounds} interleaved rounds, ${CONNECTIONS} connections, ${seconds} s per load; ${((Date.now() - started) / 1000).toFixed(0)} s in all\n`,
  );
  console.log(table(verdicts));
  const missed = verdicts.filter((v) => v.met === false);
  console.log(
    missed.length ? `\n${missed.length} goal(s) missed: ${missed.map((m) => m.metric).join('; ')}` : '\nevery goal met',
  );
  process.exitCode = missed.length ? 1 : 0;
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(2);
});
