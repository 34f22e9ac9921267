/**
 * `npm run split`: the production path on one machine (README "Production path"). One build, two
 * processes: a sandbox-only instance on its own origin (default http://127.0.0.2:3101) and the
 * store with SANDBOX=off (default http://127.0.0.1:3100) calling it as it calls real partners.
 * `-- --run "<command>"` runs a command against the pair (with the store's environment plus
 * SPLIT_STORE_URL and SPLIT_SANDBOX_URL), stops both and exits with the command's status.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuild, migrate, start, stop, type Instance } from './chaos/servers';
import { splitSetup } from './split/env';

const { values } = parseArgs({
  options: {
    'store-port': { type: 'string', default: '3100' },
    'sandbox-port': { type: 'string', default: '3101' },
    'sandbox-host': { type: 'string', default: '127.0.0.2' },
    run: { type: 'string' },
    build: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`npm run split -- [options]
  --store-port P      the store (SANDBOX=off) on http://127.0.0.1:P (default 3100)
  --sandbox-port P    the sandbox-only instance on http://<sandbox-host>:P (default 3101)
  --sandbox-host H    a loopback address other than the store's, so the two are separate sites
                      with separate cookies, like real partners (default 127.0.0.2; on macOS
                      use localhost, or alias 127.0.0.2 first)
  --run "<command>"   run it against the pair, then stop both; exit with its status
  --build             run next build first (default: reuse .next, build if missing)`);
  process.exit(0);
}

const instance = (index: number, host: string, port: number): Instance => ({
  index,
  host,
  port,
  url: `http://${host}:${port}`,
  process: null,
  kills: 0,
});

async function main() {
  const sandbox = instance(0, values['sandbox-host']!, Number(values['sandbox-port']));
  const store = instance(1, '127.0.0.1', Number(values['store-port']));
  const root = mkdtempSync(join(tmpdir(), 'storefront-split-'));
  const setup = splitSetup({
    storeUrl: store.url,
    sandboxUrl: sandbox.url,
    storeDataDir: join(root, 'store'),
    sandboxDataDir: join(root, 'sandbox'),
  });
  const sandboxEnv = { ...process.env, ...setup.sandboxEnv };
  const storeEnv = { ...process.env, ...setup.storeEnv };
  const stopAll = async () => {
    await stop(store);
    await stop(sandbox);
    rmSync(root, { recursive: true, force: true });
  };

  ensureBuild(values.build!);
  migrate({ ...sandboxEnv, PORT: String(sandbox.port) });
  migrate({ ...storeEnv, PORT: String(store.port) });
  await start(sandbox, sandboxEnv);
  await start(store, storeEnv);
  console.log(`split: sandbox only  ${sandbox.url}/sandbox (SANDBOX=on, serving the store at ${store.url})`);
  console.log(`split: store         ${store.url} (SANDBOX=off, every partner URL at ${sandbox.url}/sandbox)`);

  if (values.run) {
    const child = spawn('bash', ['-c', values.run], {
      stdio: 'inherit',
      env: { ...storeEnv, SPLIT_STORE_URL: store.url, SPLIT_SANDBOX_URL: sandbox.url },
    });
    const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
    await stopAll();
    process.exit(code);
  }
  console.log('split: the store runs in the Flipkart app only (SANDBOX=off); a browser plays the app with the');
  console.log('split: bridge as e2e/support/flipkart-app.ts does. Ctrl-C stops both.');
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void stopAll().then(() => process.exit(0)));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
