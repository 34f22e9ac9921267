import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setDatabaseForTests } from '@/lib/db/client';
import type { OpenDatabase } from '@/lib/db/open';
import { resetConfigForTests } from '@/lib/config';
import { openTestDatabase } from './db';

export type FetchHandler = (req: Request) => Promise<Response> | Response;

export interface TestApp {
  url: string;
  open: OpenDatabase;
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, base: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  const hasBody = body && req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', base), { method: req.method, headers, body: hasBody ? body : undefined });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((v, k) => res.setHeader(k, v));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Serves the real sandbox handlers (and any app route handlers a test mounts) over HTTP on a free
 * loopback port, with a fresh database and config pointing every partner URL at it. Partner
 * clients under test call it exactly as they call the real partners: over HTTP.
 */
export async function startTestApp(
  opts: { mounts?: Record<string, FetchHandler>; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const open = await openTestDatabase();
  setDatabaseForTests(open);
  const { dispatchSandbox } = await import('@/lib/sandbox');
  let base = '';
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const request = await toRequest(req, base);
        const path = new URL(request.url).pathname;
        const mount = Object.entries(opts.mounts ?? {}).find(([prefix]) => path.startsWith(prefix));
        if (mount) return await send(res, await mount[1](request));
        if (path.startsWith('/sandbox/')) {
          return await send(
            res,
            await dispatchSandbox(request, path.slice('/sandbox/'.length).split('/').filter(Boolean)),
          );
        }
        res.statusCode = 404;
        res.end('not found');
      } catch (e) {
        res.statusCode = 500;
        res.end(String(e instanceof Error ? e.stack : e));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
  Object.assign(process.env, {
    APP_URL: base,
    SANDBOX: 'on',
    DATA_DIR: process.env.TEST_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'storefront-test-')),
    ...opts.env,
  });
  process.env.TEST_DATA_DIR = process.env.DATA_DIR;
  resetConfigForTests();
  return {
    url: base,
    open,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      setDatabaseForTests(undefined);
      await open.close();
    },
  };
}
