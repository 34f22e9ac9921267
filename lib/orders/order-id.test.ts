import { describe, expect, it } from 'vitest';
import { newOrderId, orderIdSchema } from './order-id';

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
