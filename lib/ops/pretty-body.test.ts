import { describe, expect, it } from 'vitest';
import { prettyBody } from './pretty-body';

describe('prettyBody', () => {
  it('indents JSON, also JSON logged as a string, and leaves other text alone', () => {
    expect(prettyBody({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettyBody('{"error":"service_unavailable"}')).toBe('{\n  "error": "service_unavailable"\n}');
    expect(prettyBody('Service unavailable')).toBe('Service unavailable');
  });
});
