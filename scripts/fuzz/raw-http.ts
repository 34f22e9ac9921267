import { connect } from 'node:net';

/** One raw HTTP/1.1 exchange: what the fuzzer sends and what came back. */
export interface RawRequest {
  method: string;
  /** Sent byte for byte: may hold bad percent-encoding. */
  target: string;
  headers: [string, string][];
  body?: Buffer;
  /** Send the body with `Transfer-Encoding: chunked` (in several chunks) instead of a length. */
  chunked?: boolean;
}

export type RawOutcome =
  | { status: number; ms: number }
  | { dropped: string; ms: number }
  /** The server closed while our body was still being sent (refusing it early): not a drop. */
  | { refusedWhileSending: string; ms: number };

/**
 * Writes the request on a plain socket (Node's own client would refuse many of these inputs) and
 * reads the status line. A connection closed or reset before any status line is "dropped"; one
 * answered early (413 while we were still writing) counts as answered.
 */
export function sendRaw(port: number, req: RawRequest, timeoutMs: number): Promise<RawOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let head = '';
    let status = 0;
    let done = false;
    let allWritten = false;
    const largeBody = (req.body?.length ?? 0) >= 64 * 1024;
    const finish = (why?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const ms = Date.now() - started;
      if (status) resolve({ status, ms });
      // A large body the server refuses at the HTTP layer (a 400 to a bad method) is closed on
      // unread: the kernel then answers EPIPE or a reset that can discard the 400 before we read
      // it, even after our write "finished" into the socket buffer.
      else if (why?.startsWith('socket error') && (!allWritten || largeBody)) resolve({ refusedWhileSending: why, ms });
      else resolve({ dropped: why ?? 'closed without a status line', ms });
    };
    const timer = setTimeout(() => finish(`no answer in ${timeoutMs} ms`), timeoutMs);
    socket.on('data', (chunk) => {
      if (!status) {
        head += chunk.toString('latin1');
        const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
        if (m) status = Number(m[1]);
        else if (head.length > 64 || head.includes('\n'))
          return finish(`bad status line ${JSON.stringify(head.slice(0, 40))}`);
      }
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (e) => finish(`socket error ${(e as NodeJS.ErrnoException).code ?? e.message}`));
    socket.on('connect', () => {
      const lines = [`${req.method} ${req.target} HTTP/1.1`, `host: 127.0.0.1:${port}`, 'connection: close'];
      for (const [k, v] of req.headers) lines.push(`${k}: ${v}`);
      const body = req.body ?? Buffer.alloc(0);
      if (req.chunked) lines.push('transfer-encoding: chunked');
      else if (req.body) lines.push(`content-length: ${body.length}`);
      const parts: Buffer[] = [Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1')];
      if (req.chunked) {
        const step = Math.max(1, Math.ceil(body.length / 4));
        for (let i = 0; i < body.length; i += step) {
          const part = body.subarray(i, i + step);
          parts.push(Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n'));
        }
        parts.push(Buffer.from('0\r\n\r\n'));
      } else if (body.length) parts.push(body);
      // One write: the whole request is on its way before the server can answer and close.
      socket.write(Buffer.concat(parts), () => {
        allWritten = true;
      });
    });
  });
}
