import { describe, expect, it } from 'vitest';
import { isOutcomeUnknownAnswer, toFlexitiError } from './errors';

describe('unknown payment outcomes (one classification)', () => {
  it('no answer, 5xx, 429, 408 and an unreadable 2xx body are unknown; other answers are definite', () => {
    for (const status of [0, 500, 502, 503, 504, 429, 408]) expect(isOutcomeUnknownAnswer(status)).toBe(true);
    expect(isOutcomeUnknownAnswer(200, false)).toBe(true);
    for (const status of [200, 201, 400, 401, 403, 404, 409, 465]) expect(isOutcomeUnknownAnswer(status)).toBe(false);
  });

  it('an unsafe call (authorization) answered 503 or 429 is outcomeUnknown; a 409 decline is a definite no', () => {
    expect(toFlexitiError('authorize', 503, { error: 'service_unavailable' }, undefined, true).outcomeUnknown).toBe(
      true,
    );
    expect(toFlexitiError('authorize', 429, null, undefined, true).outcomeUnknown).toBe(true);
    const declined = toFlexitiError('authorize', 409, { error: 'credit_exceeded' }, undefined, true);
    expect(declined.outcomeUnknown).toBe(false);
    expect(declined.code).toBe('credit_exceeded');
    expect(toFlexitiError('authorize', 401, {}, undefined, true).outcomeUnknown).toBe(false);
  });

  it('a safe call (a GET) is never outcomeUnknown: repeating it cannot charge anyone', () => {
    expect(toFlexitiError('listAuthorizations', 503, null).outcomeUnknown).toBe(false);
  });
});
