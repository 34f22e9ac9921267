import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * TRACE, TRACK and CONNECT cannot become a Fetch `Request` (the platform forbids them), so the
 * framework throws and answers 500 before proxy.ts runs. No route of ours accepts them: answer
 * 405 at the HTTP server instead. Installed once from instrumentation.ts (Node.js runtime only).
 */
const UNSUPPORTED = new Set(['TRACE', 'TRACK', 'CONNECT']);
const ALLOW = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
const installed = Symbol.for('storefront.unsupportedMethods');

export function answerUnsupportedMethods(): void {
  const proto = Server.prototype as Server & { [installed]?: boolean };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit;
  proto.emit = function patchedEmit(this: Server, event: string | symbol, ...args: unknown[]): boolean {
    // Node drops a CONNECT silently when the server has no 'connect' listener: give it one.
    if (event === 'connection' && this.listenerCount('connect') === 0) this.on('connect', refuseConnect);
    if (event === 'request') {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      if (req.method && UNSUPPORTED.has(req.method)) {
        res.writeHead(405, { allow: ALLOW, 'content-type': 'text/plain', 'cache-control': 'no-store' });
        res.end('Method Not Allowed');
        return true;
      }
    }
    return (emit as (this: Server, e: string | symbol, ...a: unknown[]) => boolean).call(this, event, ...args);
  } as Server['emit'];
}

function refuseConnect(_req: IncomingMessage, socket: Duplex): void {
  socket.end(`HTTP/1.1 405 Method Not Allowed\r\nallow: ${ALLOW}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
}
