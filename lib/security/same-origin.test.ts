import { describe, expect, it } from 'vitest';
import { fromSameOrigin } from './same-origin';

const from = (headers: Record<string, string>) => fromSameOrigin(new Headers(headers));

describe('fromSameOrigin', () => {
  it('accepts a request whose Origin is the host it was sent to (or the forwarded host)', () => {
    expect(from({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' })).toBe(true);
    expect(from({ origin: 'https://shop.example', host: 'internal:3000', 'x-forwarded-host': 'shop.example' })).toBe(
      true,
    );
  });

  it('refuses another site, another port, no Origin, an opaque Origin, no host', () => {
    expect(from({ origin: 'https://evil.example', host: 'shop.example' })).toBe(false);
    expect(from({ origin: 'http://127.0.0.1:3001', host: '127.0.0.1:3000' })).toBe(false);
    expect(from({ host: 'shop.example' })).toBe(false);
    expect(from({ origin: 'null', host: 'shop.example' })).toBe(false);
    expect(from({ origin: 'https://shop.example' })).toBe(false);
  });
});
