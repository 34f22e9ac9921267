import { describe, expect, it } from 'vitest';
import { toCurl } from './curl';

describe('toCurl', () => {
  it('rebuilds a JSON call with its method, URL, headers and body', () => {
    const curl = toCurl(
      {
        method: 'POST',
        path: '/sandbox/ultra/oms/3/oms',
        request: {
          headers: { 'content-type': 'application/json', secureToken: '[redacted]' },
          body: { orderId: 'SP-1', note: "it's" },
        },
      },
      'http://localhost:3000',
    );
    expect(curl).toBe(
      [
        "curl -X POST 'http://localhost:3000/sandbox/ultra/oms/3/oms'",
        "-H 'content-type: application/json'",
        "-H 'secureToken: [redacted]'",
        `--data-raw '{"orderId":"SP-1","note":"it'\\''s"}'`,
      ].join(' \\\n  '),
    );
  });

  it('keeps secrets out even when a row held one: headers, body keys, query and embedded tokens', () => {
    const token = 'a'.repeat(40);
    const curl = toCurl(
      {
        method: 'POST',
        path: '/auth?clientSecret=s3cr3t-value&grantToken=g-123456',
        request: {
          headers: { authorization: 'Bearer live-token-xyz', 'content-type': 'application/x-www-form-urlencoded' },
          body: { client_id: 'merchant', client_secret: 'hunter2-secret', redirect: `https://x/#/widget/1/${token}` },
        },
      },
      'https://partner.example',
    );
    for (const secret of ['s3cr3t-value', 'g-123456', 'live-token-xyz', 'hunter2-secret', token]) {
      expect(curl).not.toContain(secret);
    }
    expect(curl).toContain("--data-raw 'client_id=merchant&client_secret=[redacted]&redirect=");
    expect(curl).toContain("-H 'authorization: [redacted]'");
  });

  it('sends no body for a GET and survives a row without a request', () => {
    expect(toCurl({ method: 'GET', path: '/1/dummy', request: null }, 'http://h')).toBe(
      "curl -X GET 'http://h/1/dummy'",
    );
  });
});
