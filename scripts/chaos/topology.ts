import { join } from 'node:path';
import { splitSetup } from '../split/env';
import type { ChaosOptions } from './options';
import type { Instance } from './servers';

/** The store instances on consecutive ports and, with --split, the sandbox-only instance and the environments of both. */
export function layOut(o: ChaosOptions, dataDir: string, env: NodeJS.ProcessEnv) {
  const instances: Instance[] = Array.from({ length: o.instances }, (_, i) => ({
    index: i,
    port: o.port + i,
    url: `http://127.0.0.1:${o.port + i}`,
    process: null,
    kills: 0,
  }));
  // --split (README "Production path"): the store runs with SANDBOX=off and every partner, and so
  // every fault, is on a sandbox-only instance on another origin; only the store is killed.
  const sandbox: Instance | null = o.split
    ? {
        index: -1,
        host: '127.0.0.2',
        port: o.port + 10,
        url: `http://127.0.0.2:${o.port + 10}`,
        process: null,
        kills: 0,
      }
    : null;
  const split = sandbox
    ? splitSetup({
        storeUrl: instances[0]!.url,
        sandboxUrl: sandbox.url,
        storeDataDir: join(dataDir, 'store'),
        sandboxDataDir: join(dataDir, 'sandbox'),
      })
    : null;
  const storeEnv: NodeJS.ProcessEnv = split ? { ...env, ...split.storeEnv } : env;
  return { instances, sandbox, split, storeEnv };
}
