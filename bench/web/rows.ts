import { APP_PAGES, type AppPage } from './options';
import type { FormFactor } from './lighthouse';
import type { Row } from './report';
import type { Samples } from './samples';

/** The table's rows: each figure (medians of the rounds) beside the hello world's and its goal. */
export function rows(samples: Samples, { postgres }: { postgres: boolean }): Row[] {
  const med = (key: string) => samples.median(key);
  /** A row comparing two medians: the app's figure under `appKey`, the hello world's under `baseKey`. */
  const vs = (metric: string, appKey: string, baseKey: string, unit: string, goal: Row['goal']): Row => ({
    metric,
    app: med(appKey),
    baseline: med(baseKey),
    unit,
    goal,
  });
  return [
    ...pageRows(samples, vs),
    ...serverRows(vs, postgres),
    ...(['sign-in', 'checkout start', 'checkout confirm'] as const).flatMap((flow): Row[] => [
      {
        metric: `Server overhead p50, ${flow} (beyond partner calls)`,
        app: med(`overhead.${flow}`),
        unit: 'ms',
        goal: { kind: 'at-most', max: 10 },
      },
      {
        metric: `Server overhead, ${flow}, first after a start (median of rounds)`,
        app: med(`overhead.first.${flow}`),
        unit: 'ms',
        goal: { kind: 'info' },
      },
    ]),
  ];
}

type Vs = (metric: string, appKey: string, baseKey: string, unit: string, goal: Row['goal']) => Row;

const pageNames: Record<AppPage, string> = {
  catalog: '`/`',
  product: 'product',
  checkout: '`/checkout/premium-monthly`',
};
const appPages = Object.keys(APP_PAGES) as AppPage[];

/** First-load JS and Lighthouse, per page. */
function pageRows(samples: Samples, vs: Vs): Row[] {
  const med = (key: string) => samples.median(key);
  const out = appPages.map((p) =>
    vs(`First-load JS, gzip, ${pageNames[p]}`, `app.js.${p}`, 'base.js', 'KiB', {
      kind: 'ratio-max',
      max: p === 'checkout' ? 1.1 : 1.03,
    }),
  );
  for (const p of appPages) {
    const where = `${pageNames[p]} (signed out)`;
    const lh = (metric: string, k: string, goal: Row['goal'], unit = '', ff: FormFactor = 'mobile') =>
      vs(`${metric}, ${where}`, `app.lh.${ff}.${p}.${k}`, `base.lh.${ff}.hello.${k}`, unit, goal);
    // The lower of the mobile and desktop scores: both must be 1.00.
    const accessibility = (who: 'app' | 'base') => {
      const page = who === 'app' ? p : 'hello';
      return Math.min(med(`${who}.lh.mobile.${page}.accessibility`), med(`${who}.lh.desktop.${page}.accessibility`));
    };
    out.push(
      lh('Lighthouse mobile performance', 'performance', { kind: 'score', slack: 0.02 }),
      lh('Mobile LCP', 'lcpMs', { kind: 'ratio-max', max: 1.1 }, 'ms'),
      lh('Mobile TBT', 'tbtMs', { kind: 'ratio-max', max: 1.2 }, 'ms'),
      {
        metric: `Accessibility mobile / desktop, ${where}`,
        app: accessibility('app'),
        baseline: accessibility('base'),
        unit: '',
        goal: { kind: 'at-least', min: 1 },
      },
      lh('Lighthouse desktop performance', 'performance', { kind: 'info' }, '', 'desktop'),
    );
  }
  return out;
}

/** Throughput, cold start and memory. */
function serverRows(vs: Vs, postgres: boolean): Row[] {
  const out = [
    // Signed out (autocannon sends no cookie): the shared copy per language (docs/architecture.md#script-policy).
    vs('Throughput `/` signed out vs the static hello world', 'app.rps.catalog', 'base.rps.static', 'req/s', {
      kind: 'ratio-min',
      min: 0.8,
    }),
    vs('Throughput product signed out vs the static hello world', 'app.rps.product', 'base.rps.static', 'req/s', {
      kind: 'ratio-min',
      min: 0.8,
    }),
    vs('Throughput `/` signed out vs the dynamic hello world', 'app.rps.catalog', 'base.rps.dynamic', 'req/s', {
      kind: 'info',
    }),
    vs('Throughput `/` signed in vs the dynamic hello world', 'app.rps.catalog.signedIn', 'base.rps.dynamic', 'req/s', {
      kind: 'ratio-min',
      min: 1,
    }),
    vs(
      'Throughput product signed in vs the dynamic hello world',
      'app.rps.product.signedIn',
      'base.rps.dynamic',
      'req/s',
      { kind: 'ratio-min', min: 1 },
    ),
    vs('Cold start (start command to the first 200 on `/`)', 'app.coldStart', 'base.coldStart', 'ms', {
      kind: 'ratio-max',
      max: 2,
    }),
    vs('Server RSS after the load test (PGlite)', 'app.rss', 'base.rss', 'MiB', { kind: 'ratio-max', max: 2 }),
    vs('Server RSS idle after start', 'app.rssIdle', 'base.rssIdle', 'MiB', { kind: 'info' }),
  ];
  if (postgres)
    out.push(
      vs('PostgreSQL: server RSS after load', 'pg.rss', 'base.rss', 'MiB', { kind: 'info' }),
      vs('PostgreSQL: throughput `/`', 'pg.rps.catalog', 'base.rps.dynamic', 'req/s', { kind: 'info' }),
      vs('PostgreSQL: cold start', 'pg.coldStart', 'base.coldStart', 'ms', { kind: 'info' }),
    );
  return out;
}
