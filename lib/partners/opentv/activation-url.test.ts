import { describe, expect, it } from 'vitest';
import { safeActivationUrl } from './activation-url';
import { activationInfoSchema } from './wire';

describe('activation links', () => {
  it('keeps https (and http on loopback, the sandbox), drops every other scheme', () => {
    expect(safeActivationUrl('https://activate.opentv.example/a/1?x=y')).toBe(
      'https://activate.opentv.example/a/1?x=y',
    );
    expect(safeActivationUrl('http://127.0.0.1:3000/sandbox/opentv/activate/t')).toBe(
      'http://127.0.0.1:3000/sandbox/opentv/activate/t',
    );
    for (const bad of [
      'http://activate.opentv.example/a',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'opentv-app://activate',
      'not a url',
      '',
      null,
    ])
      expect(safeActivationUrl(bad), String(bad)).toBeNull();
  });

  it('a partner answer with an unsafe link still parses, without the link', () => {
    const parsed = activationInfoSchema.safeParse({ parameters: { url: 'data:text/html,hi', urlExpiry: 'x' } });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.parameters.url).toBeUndefined();
  });
});
