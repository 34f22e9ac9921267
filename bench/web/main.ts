/**
 * `npm run bench:web`: the built storefront side by side with a hello-world Next.js app of the
 * same versions (bench/baseline, resolved from this repo's node_modules), measured interleaved in
 * one run on loopback. Prints a table with ratios and each goal beside its figure and exits 1 when
 * a goal is missed. Flags and environment: bench/web/options.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { throughput } from './load';
import { CONNECTIONS, log, parseOptions, ports, versions, type BenchOptions } from './options';
import { judge, table } from './report';
import { actionOverheads, measureRound, type RoundState } from './rounds';
import { rows } from './rows';
import { Samples } from './samples';
import { run, startServer, type ServerSpec } from './servers';

const preflight = 'tsx --conditions=react-server scripts/preflight.ts';

async function main(opts: BenchOptions) {
  const { root, rounds, seconds } = opts;
  const started = Date.now();
  const [appPort, basePort, chromePort] = await ports();
  const dataDir = process.env.BENCH_DATA_DIR || mkdtempSync(join(tmpdir(), 'bench-web-'));
  const startScript = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start as string;
  const appEnv = { SANDBOX: 'on', DATA_DIR: dataDir, APP_URL: `http://127.0.0.1:${appPort}` };
  log(`versions from package.json: ${versions(root)}; ${rounds} rounds, ${seconds} s of load per target`);

  if (opts.build) {
    log('building the app (next build)…');
    await run('next build', root, root);
    log('building the hello world (next build bench/baseline)…');
    await run('next build bench/baseline', root, root);
  }
  // An installed deployment: migrated and seeded once, before the measured starts.
  await run(preflight, root, root, appEnv);

  const specs: Record<'app' | 'base', ServerSpec> = {
    app: {
      command: `${startScript} -p ${appPort} -H 127.0.0.1`,
      cwd: root,
      port: appPort,
      env: appEnv,
      readyPath: '/',
      log: [],
    },
    base: {
      command: `next start bench/baseline -p ${basePort} -H 127.0.0.1`,
      cwd: root,
      port: basePort,
      env: {},
      readyPath: '/',
      log: [],
    },
  };
  const state: RoundState = { samples: new Samples(), seconds, chromePort, actions: [], sinceMs: Infinity };
  for (let r = 0; r < rounds; r++) {
    for (const who of r % 2 === 0 ? (['base', 'app'] as const) : (['app', 'base'] as const)) {
      log(`round ${r + 1}/${rounds}: ${who === 'app' ? 'storefront' : 'hello world'}`);
      const server = await startServer(specs[who], root);
      try {
        await measureRound(state, who, server, r);
      } finally {
        await server.stop();
      }
    }
  }
  await actionOverheads(state, dataDir);

  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) {
    log('one more storefront round on PostgreSQL (information)');
    // A throwaway bench database: the sandbox needs the explicit opt-in beside a DATABASE_URL.
    const pgEnv = { ...appEnv, DATABASE_URL: pgUrl, SANDBOX_PUBLIC_DEMO: 'yes' };
    await run(preflight, root, root, pgEnv);
    const server = await startServer({ ...specs.app, env: pgEnv }, root);
    try {
      state.samples.add('pg.coldStart', server.coldStartMs);
      state.samples.add('pg.rps.catalog', await throughput(`${server.url}/`, { seconds, connections: CONNECTIONS }));
      state.samples.add('pg.rss', server.rssMiB());
    } finally {
      await server.stop();
    }
  }
  if (!process.env.BENCH_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });

  const verdicts = rows(state.samples, { postgres: !!pgUrl }).map(judge);
  const took = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `\nbench:web — ${versions(root)}; medians of ${rounds} interleaved rounds, ${CONNECTIONS} connections, ${seconds} s per load; ${took} s in all\n`,
  );
  console.log(table(verdicts));
  const missed = verdicts.filter((v) => v.met === false);
  console.log(
    missed.length ? `\n${missed.length} goal(s) missed: ${missed.map((m) => m.metric).join('; ')}` : '\nevery goal met',
  );
  process.exitCode = missed.length ? 1 : 0;
}

main(parseOptions(process.argv.slice(2))).catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(2);
});
