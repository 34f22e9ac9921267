import { describe, expect, it } from 'vitest';
import { checkJsBudget } from './js-budget';
import budget from './js-budget.json';

describe('the first-load JS budget', () => {
  it('passes pages within their budget, one line each with the headroom', () => {
    const r = checkJsBudget({ '/': 130.04, '/sign-in': 120 }, { pages: { '/': 136, '/sign-in': 120 } });
    expect(r.failed).toBe(false);
    expect(r.lines).toEqual([
      'ok    /         130.0 KiB of 136.0 KiB (-6.0)',
      'ok    /sign-in  120.0 KiB of 120.0 KiB (0.0)',
    ]);
  });

  it('fails a page that grew past its budget, saying by how much', () => {
    // A page 40 KiB heavier, as a client library pulled into the catalog would make it.
    const r = checkJsBudget({ '/': 176.3, '/sign-in': 120 }, { pages: { '/': 136, '/sign-in': 120 } });
    expect(r.failed).toBe(true);
    expect(r.lines[0]).toBe(
      'FAIL  /         176.3 KiB of 136.0 KiB (+40.3): heavier than its budget; trim it, or raise the budget in the commit that says why',
    );
    expect(r.lines[1]).toMatch(/^ok /);
  });

  it('fails a page without a budget and a budget without a page', () => {
    const r = checkJsBudget({ '/new-page': 100 }, { pages: { '/gone': 100 } });
    expect(r.failed).toBe(true);
    expect(r.lines).toEqual([
      'FAIL  /new-page  100.0 KiB, no budget: add it to bench/js-budget.json',
      'FAIL  /gone      in the budget but not weighed: weigh it, or drop it from the budget',
    ]);
  });

  it('the committed budget is KiB per customer route', () => {
    for (const [page, kib] of Object.entries(budget.pages)) {
      expect(page).toMatch(/^\//);
      expect(kib).toBeGreaterThan(50);
      expect(kib).toBeLessThan(400);
    }
  });
});
