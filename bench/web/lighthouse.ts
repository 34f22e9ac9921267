import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface LighthouseFigures {
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
}

export type FormFactor = 'mobile' | 'desktop';

/**
 * Lighthouse 12 (Node API) on one system Chromium for a list of pages: mobile is the default config
 * (simulated throttling), desktop the desktop config. Runs in a plain Node child process.
 */
export function audits(
  chromePort: number,
  jobs: { url: string; formFactor: FormFactor }[],
): Promise<LighthouseFigures[]> {
  const script = join(process.cwd(), 'bench/web/lighthouse-runs.mjs');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script, JSON.stringify({ chromePort, jobs })],
      { maxBuffer: 1 << 20, timeout: 10 * 60_000 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`lighthouse: ${err.message}\n${stderr.slice(-2000)}`));
        const parsed = JSON.parse(stdout) as (LighthouseFigures | null)[];
        resolve(
          parsed.map((f) => ({
            performance: f?.performance ?? NaN,
            accessibility: f?.accessibility ?? NaN,
            lcpMs: f?.lcpMs ?? NaN,
            tbtMs: f?.tbtMs ?? NaN,
          })),
        );
      },
    );
  });
}
