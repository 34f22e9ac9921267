import { join } from 'node:path';
import { partnerCallsSince } from './call-log';
import { signedInCookie, signInAndCheckout, type ActionSample } from './flows';
import { audits, type FormFactor } from './lighthouse';
import { throughput } from './load';
import { APP_PAGES, CONNECTIONS, log, WALK_THROUGH_BUYERS, WALK_THROUGH_PLANS, WALKS_PER_ROUND } from './options';
import { serverOverheadMs } from './overhead';
import { firstLoadJsKiB } from './page-weight';
import type { Samples } from './samples';
import type { RunningServer } from './servers';

export type Who = 'app' | 'base';

/** What the rounds share: the figures, and what the app rounds gather for after the last one. */
export interface RoundState {
  samples: Samples;
  seconds: number;
  chromePort: number;
  /** A signed-in customer's cookie, made in the first app round (the session outlives restarts). */
  signedIn?: Record<string, string>;
  actions: { sample: ActionSample; first: boolean }[];
  /** When the first walk-through began: the call log is read from there. */
  sinceMs: number;
}

const load = (url: string, seconds: number, headers?: Record<string, string>) =>
  throughput(url, { seconds, connections: CONNECTIONS, headers });

async function lighthouseRound(state: RoundState, who: Who, pages: [string, string][], formFactors: FormFactor[]) {
  const jobs = formFactors.flatMap((formFactor) => pages.map(([name, url]) => ({ name, url, formFactor })));
  const figures = await audits(state.chromePort, jobs);
  jobs.forEach(({ name, formFactor }, i) => {
    for (const [k, v] of Object.entries(figures[i]!)) state.samples.add(`${who}.lh.${formFactor}.${name}.${k}`, v);
  });
}

/** The page greets the customer by name with `headers`: the signed-in rows measure signed-in pages. */
async function expectSignedIn(url: string, headers: Record<string, string>) {
  const html = await (await fetch(url, { headers })).text();
  if (!html.includes('data-testid="account-name"')) throw new Error(`${url}: not signed in with the bench's cookie`);
}

async function loadApp(state: RoundState, server: RunningServer, round: number) {
  const { samples, seconds } = state;
  const u = (path: string) => `${server.url}${path}`;
  if (round === 0)
    for (const [name, path] of Object.entries(APP_PAGES))
      samples.add(`app.js.${name}`, (await firstLoadJsKiB(u(path))).kib);
  // Signed out (autocannon sends no cookie): the shared copy per language (docs/architecture.md#script-policy).
  samples.add('app.rps.catalog', await load(u(APP_PAGES.catalog), seconds));
  samples.add('app.rps.product', await load(u(APP_PAGES.product), seconds));
  state.signedIn ??= { cookie: await signedInCookie(server.url, APP_PAGES.checkout) };
  await expectSignedIn(u(APP_PAGES.catalog), state.signedIn);
  for (const page of ['catalog', 'product'] as const)
    samples.add(`app.rps.${page}.signedIn`, await load(u(APP_PAGES[page]), seconds, state.signedIn));
}

async function loadBase(state: RoundState, server: RunningServer, round: number) {
  const { samples, seconds } = state;
  if (round === 0) samples.add('base.js', (await firstLoadJsKiB(`${server.url}/`)).kib);
  samples.add('base.rps.dynamic', await load(`${server.url}/dynamic`, seconds));
  samples.add('base.rps.static', await load(`${server.url}/`, seconds));
}

/** Sign-in and checkout walk-throughs in Chromium; their actions are timed against the call log later. */
async function walkThroughs(state: RoundState, server: RunningServer, round: number) {
  state.sinceMs = Math.min(state.sinceMs, Date.now());
  for (let w = 0; w < WALKS_PER_ROUND; w++) {
    const plan = WALK_THROUGH_PLANS[w % WALK_THROUGH_PLANS.length]!;
    const buyer = WALK_THROUGH_BUYERS[round % WALK_THROUGH_BUYERS.length]!;
    try {
      for (const sample of await signInAndCheckout(server.url, plan, buyer))
        state.actions.push({ sample, first: w === 0 });
    } catch (e) {
      // One failed walk-through leaves its figures out of the medians; none at all fails the goal.
      log(`sign-in and checkout walk-through failed: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}

/** One started server measured: start-up and memory, load, Lighthouse, and (the app) the walk-throughs. */
export async function measureRound(state: RoundState, who: Who, server: RunningServer, round: number) {
  const { samples } = state;
  samples.add(`${who}.coldStart`, server.coldStartMs);
  samples.add(`${who}.rssIdle`, server.rssMiB());
  await (who === 'app' ? loadApp : loadBase)(state, server, round);
  samples.add(`${who}.rss`, server.rssMiB());
  // Desktop once (accessibility and a desktop score for information), mobile every round.
  const formFactors: FormFactor[] = round === 0 ? ['mobile', 'desktop'] : ['mobile'];
  const pages: [string, string][] =
    who === 'app' ? Object.entries(APP_PAGES).map(([n, p]) => [n, `${server.url}${p}`]) : [['hello', `${server.url}/`]];
  await lighthouseRound(state, who, pages, formFactors);
  if (who === 'app') await walkThroughs(state, server, round);
}

/** The call log, read with the server stopped: each action's time minus its partners' round trips. */
export async function actionOverheads(state: RoundState, dataDir: string) {
  try {
    const calls = state.actions.length
      ? await partnerCallsSince({ kind: 'pglite', dir: join(dataDir, 'pglite') }, state.sinceMs - 1000)
      : [];
    for (const { sample, first } of state.actions) {
      const overhead = serverOverheadMs(sample, calls);
      state.samples.add(`overhead.${sample.flow}`, overhead);
      if (first) state.samples.add(`overhead.first.${sample.flow}`, overhead);
    }
  } catch (e) {
    log(`could not read the call log: ${(e as Error).message.split('\n')[0]} (${String((e as Error).cause)})`);
  }
}
