import { describe, expect, it } from 'vitest';
import { retryMessage } from './retry-message';

describe('retryMessage', () => {
  const row = { lastError: 'OMS unavailable (HTTP 429, code 31)', runAt: new Date('2030-01-01T10:00:05Z') };

  it('says delivered only when the job was delivered', () => {
    expect(retryMessage('7', 'done', null)).toEqual({ kind: 'ok', text: 'Job #7 retried: delivered.' });
  });

  it('says a failed retry failed, with the partner’s answer and when the worker tries again (UTC)', () => {
    expect(retryMessage('7', 'retry', row)).toEqual({
      kind: 'error',
      text: 'Job #7 ran again and failed; the worker tries again at 2030-01-01 10:00:05 UTC. Partner answer: OMS unavailable (HTTP 429, code 31)',
    });
    expect(retryMessage('7', 'retry', row).text).not.toContain('retried: retry');
  });

  it('says a job that failed for good is dead, and names the other outcomes', () => {
    expect(retryMessage('7', 'dead', row)).toMatchObject({ kind: 'error', text: expect.stringContaining('dead now') });
    expect(retryMessage('7', 'fenced', null).text).toContain('taken over by another worker');
    expect(retryMessage('7', 'queued', null).text).toContain('queued');
  });
});
