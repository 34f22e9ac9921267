/** A logged body as a person reads it: JSON (also JSON sent as a string) indented, anything else as it is. */
export function prettyBody(body: unknown): string {
  if (typeof body === 'string') {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  return body === undefined ? '' : JSON.stringify(body, null, 2);
}
