import { writeFileSync } from 'node:fs';
import type { AttentionCaseReport } from './attention-case';
import type { Customer, PurchaseResult } from './customer';
import type { FaultQueue } from './faults';
import { percentile, type Findings } from './invariants';
import type { ChaosOptions } from './options';
import type { Instance } from './servers';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

export type RunFigures = {
  o: ChaosOptions;
  findings: Findings;
  results: (PurchaseResult & { customer: string })[];
  faults: FaultQueue;
  /** Faults queued but never applied (drained at the end). */
  remaining: number;
  instances: Instance[];
  restartMs: number[];
  attentionCase: AttentionCaseReport | null;
  customers: Customer[];
  startedAt: number;
};

/** Prints the invariants and the run's figures, writes --report; returns how many invariants failed. */
export function report({
  o,
  findings,
  results,
  faults,
  remaining,
  instances,
  restartMs,
  attentionCase,
  customers,
  startedAt,
}: RunFigures): number {
  const applied = faults.queued - remaining;
  const steps = results.length * 5;
  const sec = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '-');
  console.log(
    '\n' +
      table([
        ['invariant', 'holds', 'detail'],
        ...findings.invariants.map((i) => [i.name, i.ok ? 'yes' : 'NO', i.detail]),
      ]),
  );
  console.log(
    '\n' +
      table([
        ['figure', 'value'],
        [
          'purchases (customers in Chromium)',
          `${results.length}: ${results.filter((r) => r.outcome === 'paid').length} paid, ${results.filter((r) => r.outcome === 'cancelled').length} paid then cancelled, ${results.filter((r) => r.outcome === 'gave-up').length} gave up`,
        ],
        [
          'store orders',
          `${findings.orders.total}: ${findings.orders.paid} paid, ${findings.orders.cancelled} cancelled and refunded, ${findings.orders.failed} payment failed, ${findings.orders.open} abandoned open`,
        ],
        ['charged without a paid order', String(findings.chargedWithoutPaidOrder)],
        ['charged twice', String(findings.chargedTwice)],
        [
          'faults applied',
          `${applied} of ${faults.queued} queued; ${applied} / ${steps} checkout steps = ${((100 * applied) / Math.max(1, steps)).toFixed(0)}%; ${findings.partnerCalls} partner calls`,
        ],
        ...[...faults.byLabel.entries()].sort().map(([label, count]) => [`  ${label}`, String(count)]),
        [
          'kills (SIGKILL + restart)',
          `${instances.reduce((n, i) => n + i.kills, 0)}; restart p50 ${sec(percentile(restartMs, 50))}`,
        ],
        [
          'payment asked → definite state',
          `p50 ${sec(percentile(findings.definiteMs, 50))}, p95 ${sec(percentile(findings.definiteMs, 95))}, max ${sec(Math.max(...findings.definiteMs))} (${findings.definiteMs.length} orders; goal p95 ≤ 120 s, max ≤ 180 s)`,
        ],
        [
          'needs attention (ops list)',
          `${findings.attention.open.length} open at the end${findings.attention.open.map((a) => ` ${a.orderId} ${a.state} ${a.reason}`).join(',')}; ${findings.attention.raised} raised during the run, ${findings.attention.resolvedBySoftware} settled by software after`,
        ],
        ...(attentionCase
          ? [
              [
                'attention case (injected Flexiti outage)',
                attentionCase.error
                  ? `NOT PLAYED: ${attentionCase.error} (order ${attentionCase.orderId ?? '-'})`
                  : `order ${attentionCase.orderId} listed after ${attentionCase.raisedAfterS} s: "${attentionCase.reason}"; ${attentionCase.evidence}; staff Retry → "${attentionCase.resolution}"; customer sees ${attentionCase.customerSees} after ${attentionCase.definiteAfterS} s`,
              ],
            ]
          : []),
        [
          'plans held, cancelled and bought again (one live plan per product)',
          String(customers.reduce((n, c) => n + c.heldCancelled, 0)),
        ],
        [
          'time to final payment state',
          `p50 ${sec(percentile(findings.settleMs, 50))}, p95 ${sec(percentile(findings.settleMs, 95))} (${findings.settleMs.length} orders)`,
        ],
        ['run time', sec(Date.now() - startedAt)],
      ]),
  );
  const failed = findings.invariants.filter((i) => !i.ok).length;
  if (o.report) {
    writeFileSync(
      o.report,
      JSON.stringify(
        {
          passed: findings.invariants.length - failed,
          failed,
          invariants: findings.invariants,
          needsAttention: findings.attention,
          attentionCase,
          definiteSeconds: {
            p50: percentile(findings.definiteMs, 50) / 1000,
            p95: percentile(findings.definiteMs, 95) / 1000,
            max: Math.max(...findings.definiteMs) / 1000,
            orders: findings.definiteMs.length,
          },
        },
        null,
        2,
      ),
    );
  }
  return failed;
}
