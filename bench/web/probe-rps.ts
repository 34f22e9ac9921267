// Temporary probe (not committed): signed-out / signed-in throughput of the app, and the hello world's dynamic page.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedInCookie } from './flows';
import { throughput } from './load';
import { run, startServer } from './servers';
const root = process.cwd();
const seconds = Number(process.env.SECS ?? 4);
async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'probe-'));
  const env = { SANDBOX: 'on', DATA_DIR: dataDir, APP_URL: 'http://127.0.0.1:3918' };
  await run('tsx --conditions=react-server scripts/preflight.ts', root, root, env);
  const log: string[] = [];
  for (let r = 0; r < Number(process.env.ROUNDS ?? 1); r++) {
    const app = await startServer({ command: `${process.env.PROBE_CMD ?? 'next start'} -p 3918 -H 127.0.0.1`, cwd: root, port: 3918, env, readyPath: '/', log }, root);
    console.log('app cold', app.coldStartMs.toFixed(0), 'rssIdle', app.rssMiB().toFixed(0));
    try {
      const cookie = await signedInCookie(app.url, '/products/premium-monthly');
      for (const [n, p] of [['catalog', '/'], ['product', '/products/premium-monthly']])
        console.log(n, 'out', (await throughput(app.url + p, { seconds, connections: 10 })).toFixed(0), 'in', (await throughput(app.url + p, { seconds, connections: 10, headers: { cookie } })).toFixed(0));
      console.log('app rss after', app.rssMiB().toFixed(0));
    } finally { await app.stop(); }
    if (process.env.NOBASE) continue;
    const base = await startServer({ command: 'next start bench/baseline -p 3919 -H 127.0.0.1', cwd: root, port: 3919, env: {}, readyPath: '/', log: [] }, root);
    console.log('base cold', base.coldStartMs.toFixed(0), 'rssIdle', base.rssMiB().toFixed(0));
    try { console.log('base dynamic', (await throughput(base.url + '/dynamic', { seconds, connections: 10 })).toFixed(0)); console.log('base rss after', base.rssMiB().toFixed(0)); } finally { await base.stop(); }
  }
  console.log(log.filter((l) => /ready in/.test(l)).join('\n'));
}
main().catch((e) => { console.error(e); process.exit(2); });
