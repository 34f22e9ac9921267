/**
 * `npm run fuzz`: malformed requests against the built app on a loopback port (sandbox on, fresh
 * PGlite). Asserts no answer ≥ 500, no dropped connection, health still 200 and every table
 * unchanged afterwards. Bounded: FUZZ_REQUESTS requests (default 3000) or FUZZ_SECONDS (default
 * 300), whichever ends first. FUZZ_SEED replays a run. Writes test-reports/fuzz.json when
 * FUZZ_REPORT is set (CI's summary line counts its checks).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildCorpus } from './fuzz/cases';
import { sendRaw, type RawOutcome } from './fuzz/raw-http';
import { buildIfMissing, freePort, preflight, serverEnv, snapshotTables, startServer, stopServer } from './fuzz/server';

const COUNT = Number(process.env.FUZZ_REQUESTS ?? 3000);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4);
// Tables that change by design when requests arrive: rate-limit counters.
const VOLATILE_TABLES = /^rate_limit/;

async function main() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'storefront-fuzz-'));
  const env = serverEnv(port, dataDir);
  buildIfMissing(env);
  preflight(env);
  const before = await snapshotTables(join(dataDir, 'pglite'), VOLATILE_TABLES);
  const { child, log } = await startServer(port, env);
  const corpus = buildCorpus(COUNT, SEED);
  const started = Date.now();
  const deadline = started + SECONDS * 1000;
  const classes: Record<string, number> = {};
  const fivexx: string[] = [];
  const dropped: string[] = [];
  let refusedWhileSending = 0;
  let sent = 0;
  let next = 0;
  const describe = (i: number) => `${corpus[i]!.method} ${corpus[i]!.target.slice(0, 120)}`;
  // Full requests behind each failure (headers and body size), for FUZZ_VERBOSE=1.
  const details: string[] = [];
  const detail = (i: number, what: string) => {
    const r = corpus[i]!;
    const headers = r.headers.map(([k, v]) => `${k}: ${v.slice(0, 80)}`).join(' | ');
    details.push(`${what} ← ${describe(i)} [${headers}] body ${r.body?.length ?? 0} B${r.chunked ? ' chunked' : ''}`);
  };
  async function lane() {
    while (next < corpus.length && Date.now() < deadline) {
      const i = next++;
      const outcome: RawOutcome = await sendRaw(port, corpus[i]!, 30_000);
      sent++;
      if ('refusedWhileSending' in outcome) {
        refusedWhileSending++;
        continue;
      }
      if ('dropped' in outcome) {
        dropped.push(`dropped ${describe(i)} (${outcome.dropped})`);
        detail(i, outcome.dropped);
        continue;
      }
      const cls = `${Math.floor(outcome.status / 100)}xx`;
      classes[cls] = (classes[cls] ?? 0) + 1;
      if (outcome.status >= 500) {
        fivexx.push(`${outcome.status} ${describe(i)}`);
        detail(i, String(outcome.status));
      }
    }
  }
  let healthy = 0;
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
  } finally {
    await stopServer(child);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const after = await snapshotTables(join(dataDir, 'pglite'), VOLATILE_TABLES);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((t) => before.get(t) !== after.get(t));

  console.log(`fuzz: ${sent} requests in ${seconds} s (seed ${SEED}, ${CONCURRENCY} at a time, port ${port})`);
  console.log(
    `fuzz: status classes ${Object.entries(classes)
      .sort()
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  console.log(
    `fuzz: ≥500: ${fivexx.length}, dropped connections: ${dropped.length}; closed early while a body was still being sent (a refusal): ${refusedWhileSending}`,
  );
  // Grouped by status, method and the first two path segments, then a few full examples.
  const groups = new Map<string, number>();
  for (const line of [...fivexx, ...dropped]) {
    const [status, method, target] = line.split(' ');
    const key = `${status} ${method} /${(target ?? '').split(/[/?]/).slice(1, 3).join('/')}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  for (const [key, n] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)} × ${key}`);
  for (const line of details.slice(0, process.env.FUZZ_VERBOSE ? 200 : 10)) console.log(`  e.g. ${line}`);
  console.log(
    `fuzz: health after: ${healthy}; tables changed: ${changed.length ? changed.join(', ') : 'none'} (of ${after.size})`,
  );
  const serverErrors = log.filter((l) => /⨯|Error:|TypeError|RangeError|SyntaxError|URIError/.test(l));
  if (serverErrors.length) {
    console.log(`fuzz: server logged ${serverErrors.length} error lines, first ones:`);
    for (const l of serverErrors.slice(0, 10)) console.log(`  ${l.slice(0, 200)}`);
  }
  const checks = [
    ['no answer ≥ 500', fivexx.length === 0],
    ['no dropped connection', dropped.length === 0],
    ['health 200 afterwards', healthy === 200],
    ['data unchanged', changed.length === 0],
    [`at least ${Math.min(COUNT, 1000)} requests sent`, sent >= Math.min(COUNT, 1000)],
  ] as const;
  const failed = checks.filter(([, ok]) => !ok);
  for (const [name, ok] of checks) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}`);
  console.log(`fuzz: ${checks.length - failed.length} passed, ${failed.length} failed`);
  if (process.env.FUZZ_REPORT) {
    mkdirSync(dirname(process.env.FUZZ_REPORT), { recursive: true });
    writeFileSync(
      process.env.FUZZ_REPORT,
      JSON.stringify({ passed: checks.length - failed.length, failed: failed.length, sent, classes }),
    );
  }
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(failed.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
