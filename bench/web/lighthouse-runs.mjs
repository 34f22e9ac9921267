// Runs Lighthouse 12 through its Node API for a list of pages, in plain Node: run under tsx, the
// functions Lighthouse sends into the page would carry esbuild's `__name` helper and fail there.
// Input (argv[2]): {"chromePort":N,"jobs":[{"url":"…","formFactor":"mobile"|"desktop"}]}.
// Output (stdout): one JSON array of {performance, accessibility, lcpMs, tbtMs} in job order.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';

const { chromePort, jobs } = JSON.parse(process.argv[2]);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  port: chromePort,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  logLevel: 'silent',
});
const out = [];
try {
  for (const { url, formFactor } of jobs) {
    const result = await lighthouse(
      url,
      { port: chromePort, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] },
      formFactor === 'desktop' ? desktopConfig : undefined,
    );
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`lighthouse gave no result for ${url}`);
    if (lhr.runtimeError) throw new Error(`lighthouse ${url}: ${lhr.runtimeError.message}`);
    out.push({
      performance: lhr.categories.performance?.score ?? null,
      accessibility: lhr.categories.accessibility?.score ?? null,
      lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? null,
      tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? null,
    });
  }
} finally {
  chrome.kill();
}
process.stdout.write(JSON.stringify(out));
