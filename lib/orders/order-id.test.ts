import { describe, expect, it } from 'vitest';
import { newOrderId, orderIdFromSpoken, orderIdSchema, spokenOrderId } from './order-id';

describe('order ids', () => {
  it('makes short, unique, reference-safe order ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, newOrderId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^SP-[A-Z2-9]{10}$/);
  });

  it('has one schema that takes every id we make and nothing else', () => {
    for (let i = 0; i < 200; i++) expect(orderIdSchema.safeParse(newOrderId()).success).toBe(true);
    for (const bad of [
      'SP-ABC',
      'sp-ABCDEFGHJK',
      'SP-ABCDEFGHJK1',
      'SP-ABCDEFGH01',
      'XX-ABCDEFGHJK',
      'SP-ABCDEFGH/K',
    ]) {
      expect(orderIdSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('spoken order ids', () => {
  it('reads an order id in two groups of five, and takes it back in any spacing or case', () => {
    expect(spokenOrderId('SP-ABCDE23456')).toBe('SP-ABCDE-23456');
    for (const said of ['SP-ABCDE-23456', 'sp abcde 23456', 'SPABCDE23456', 'SP-ABCDE23456']) {
      expect(orderIdFromSpoken(said)).toBe('SP-ABCDE23456');
    }
  });

  it('is null for anything that is not an order id', () => {
    for (const said of ['ABCDE-23456', 'SP-ABCDE-2345', 'SP-ABCD0-23456', 'priya'])
      expect(orderIdFromSpoken(said)).toBeNull();
  });
});
