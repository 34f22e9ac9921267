/**
 * The weight budget (README "Performance"): the first-load JS (gzip, bench/web/page-weight.ts) of
 * every customer page against `bench/js-budget.json`. Deterministic for one build: no timing. A
 * change that makes a page heavier updates the budget in the same commit, saying why.
 */
export interface JsBudget {
  /** KiB of gzipped first-load JS per customer route, e.g. `"/products/[slug]": 140`. */
  pages: Record<string, number>;
}

export interface BudgetResult {
  /** One line per page: size against budget; then the pages without a budget or a measure. */
  lines: string[];
  failed: boolean;
}

const kib = (n: number) => `${n.toFixed(1)} KiB`;

export function checkJsBudget(measured: Record<string, number>, budget: JsBudget): BudgetResult {
  const lines: string[] = [];
  let failed = false;
  const width = Math.max(...[...Object.keys(measured), ...Object.keys(budget.pages)].map((p) => p.length));
  for (const [page, size] of Object.entries(measured)) {
    const limit = budget.pages[page];
    if (limit === undefined) {
      failed = true;
      lines.push(`FAIL  ${page.padEnd(width)}  ${kib(size)}, no budget: add it to bench/js-budget.json`);
      continue;
    }
    const over = size > limit;
    failed ||= over;
    const delta = size - limit;
    lines.push(
      `${over ? 'FAIL' : 'ok  '}  ${page.padEnd(width)}  ${kib(size)} of ${kib(limit)} (${delta > 0 ? '+' : ''}${delta.toFixed(1)})${
        over ? ': heavier than its budget; trim it, or raise the budget in the commit that says why' : ''
      }`,
    );
  }
  for (const page of Object.keys(budget.pages))
    if (!(page in measured)) {
      failed = true;
      lines.push(`FAIL  ${page.padEnd(width)}  in the budget but not weighed: weigh it, or drop it from the budget`);
    }
  return { lines, failed };
}
