/**
 * Reads a request body of at most `maxBytes`, counting the bytes as they stream in, so a chunked
 * body (no Content-Length) cannot get past the cap; stops reading as soon as it is over.
 */
export type SmallBody = { ok: true; text: string } | { ok: false; status: 413 | 400; message: string };

export async function readSmallBody(req: Request, maxBytes: number): Promise<SmallBody> {
  const tooLarge = { ok: false, status: 413, message: `body: larger than ${maxBytes} bytes` } as const;
  if (Number(req.headers.get('content-length') ?? 0) > maxBytes) return tooLarge;
  if (!req.body) return { ok: true, text: '' };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, status: 400, message: 'body: could not be read' };
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(bytes) };
}
