import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';

/**
 * Bodies stay small (docs/deploy.md#request-bodies): the proxy holds at most 1 MB of any body
 * (next.config.js), and a chunked body, which declares no length, is refused by the handler's
 * own cap as it streams in. 3 MB sent in 64 KB chunks, never a 5xx, and the app answers after.
 */
function postChunked(url: string, path: string, headers: Record<string, string>, totalBytes: number) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(new URL(path, url), { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer and close before the whole body is sent: the status is what counts.
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e),
    );
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

test('a 3 MB chunked body is refused with 413, not buffered whole, and the app still answers', async ({
  baseURL,
  request,
}) => {
  const origin = new URL(baseURL!).origin;
  const webhook = await postChunked(baseURL!, '/api/webhooks/opentv', { 'content-type': 'application/json' }, 3 << 20);
  expect(webhook.status).toBe(413);
  const signIn = await postChunked(
    baseURL!,
    '/api/sign-in/flipkart',
    { 'content-type': 'application/json', origin },
    3 << 20,
  );
  expect(signIn.status).toBe(413);
  const page = await postChunked(
    baseURL!,
    '/checkout/premium-monthly',
    { 'content-type': 'application/x-www-form-urlencoded', origin },
    3 << 20,
  );
  // A page form: whatever the page makes of the first 1 MB Next passes on, never a 5xx.
  expect(page.status).toBeGreaterThanOrEqual(200);
  expect(page.status).toBeLessThan(500);
  expect((await request.get('/api/health')).status()).toBe(200);
});

test('a declared Content-Length over 1 MiB is refused by the proxy before any handler', async ({ request }) => {
  const res = await request.post('/api/webhooks/opentv', {
    headers: { 'content-type': 'application/json' },
    data: Buffer.alloc((1 << 20) + 1, 'a'),
  });
  expect(res.status()).toBe(413);
  expect(await res.json()).toEqual({ error: 'payload_too_large', message: 'body: larger than 1 MiB' });
});
