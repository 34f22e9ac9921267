import { describe, expect, it } from 'vitest';
import { REDACTED, redactDeep, redactLogText, redactUrl } from './redact';

describe('redaction', () => {
  it('removes a Flexiti access token embedded in redirection_url', () => {
    const token = 'a'.repeat(20) + '0123456789abcdef0123';
    const out = JSON.stringify(
      redactDeep({
        redirection_url: `https://posapi.example/#/widget/merchant/${token}?lang=en&widget_session_id=abc`,
      }),
    );
    expect(out).not.toContain(token);
    expect(out).toContain('/#/widget/merchant/[redacted]?lang=en&widget_session_id=abc');
  });

  it('removes JWTs inside free text but keeps ordinary values', () => {
    const out = redactDeep({
      note: 'sent eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl today',
      amount: 9.99,
      id: 'SP-ABC',
    });
    expect(out).toEqual({ note: 'sent [redacted] today', amount: 9.99, id: 'SP-ABC' });
  });

  it('keeps the identity token recognisable but not whole', () => {
    expect(redactDeep({ identityToken: 'IDTKN848F9123941444B990045011A48D4920PEJ' })).toEqual({
      identityToken: 'IDTKN848F…PEJ',
    });
  });

  it('redacts secret query parameters', () => {
    expect(redactUrl('https://x.test/a?grantToken=g123&clientId=hotstar')).toBe(
      '/a?grantToken=[redacted]&clientId=hotstar',
    );
  });
});

describe('redaction keeps partner references visible', () => {
  it('redacts the authorization header but not authorization ids or amounts', () => {
    expect(
      redactDeep({ authorization: 'Bearer x', authorization_id: 'A-1', remaining_authorization_amount: 5 }),
    ).toEqual({
      authorization: '[redacted]',
      authorization_id: 'A-1',
      remaining_authorization_amount: 5,
    });
  });
});

describe('paths, outbox errors and log lines are redacted like the call log', () => {
  const token = 'a'.repeat(40);
  it('removes a token from a URL path and masks an e-mail in it', () => {
    expect(redactUrl(`https://fx.example/flexiti/#/widget/cid/${token}?lang=en`)).not.toContain(token);
    expect(redactUrl(`https://h.example/sandbox/flexiti/widget/cid/${token}`)).toBe(
      '/sandbox/flexiti/widget/cid/[redacted]',
    );
    expect(redactUrl('https://h.example/adm/v1/accounts/priya.sharma@example.com')).toBe('/adm/v1/accounts/p***@e***');
    expect(redactUrl('https://h.example/x?q=%E0%A4%A')).toBe('/x?q=%E0%A4%A');
  });

  it('masks e-mails and removes tokens from free text (outbox last_error, partner messages)', () => {
    const text = `OpenTVError: 409 signonId priya.sharma@example.com exists; bearer ${token}`;
    expect(redactLogText(text)).toBe('OpenTVError: 409 signonId p***@e*** exists; bearer [redacted]');
  });

  it('removes passwords: the OpenTV password grant and a created account never reach the call log', () => {
    expect(redactDeep({ grant_type: 'password', username: 'operator', password: 'hunter2' })).toMatchObject({
      grant_type: 'password',
      password: REDACTED,
    });
    expect(redactDeep({ account: { signonId: 'a@b.example', password: 'Welcome-123' } })).toMatchObject({
      account: { password: REDACTED },
    });
    expect(redactUrl('https://kc.example/token?grant_type=password&password=hunter2')).not.toContain('hunter2');
  });
});

describe('the configured secrets', () => {
  it('are redacted from log text and call-log strings wherever they appear, exactly', async () => {
    const { setKnownSecrets } = await import('./redact');
    setKnownSecrets(['ultra-client-secret-123', 'pw', 'opentv-pass-456789']);
    expect(redactLogText('OpenTV said: bad password opentv-pass-456789 for user')).toBe(
      'OpenTV said: bad password [redacted] for user',
    );
    expect(redactDeep({ note: 'echo ultra-client-secret-123!', list: ['opentv-pass-456789'] })).toEqual({
      note: 'echo [redacted]!',
      list: ['[redacted]'],
    });
    // Too short to be told from ordinary text: left alone.
    expect(redactLogText('pw is a word')).toBe('pw is a word');
    setKnownSecrets([]);
  });
});
