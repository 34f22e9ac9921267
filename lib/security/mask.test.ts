import { describe, expect, it } from 'vitest';
import { maskAccountNumber } from './mask';

describe('account number mask', () => {
  it('shows only the last four digits', () => {
    expect(maskAccountNumber('20009100')).toBe('••••9100');
    expect(maskAccountNumber(20009100)).toBe('••••9100');
    expect(maskAccountNumber('123')).toBe('••••');
    expect(maskAccountNumber(null)).toBeNull();
  });
});
