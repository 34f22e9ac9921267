// The dependency-advisory step of CI: `npm audit` of the production dependencies in the lockfile.
// Fails on a high or critical advisory. When the registry cannot be asked (offline, or a registry
// mirror without the audit endpoint) it says so in one line and passes: an unknown is not a
// failure, and the step is not silently green either (docs/deploy.md#dependency-advisories).
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json', '--audit=true'], {
  encoding: 'utf8',
  timeout: 60_000,
});
let report = null;
try {
  report = JSON.parse(run.stdout || 'null');
} catch {
  report = null;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why =
    run.error?.code === 'ETIMEDOUT'
      ? 'no answer within 60 s'
      : report?.message ||
        report?.error?.summary ||
        (run.stderr || '').split('\n').find((l) => /error|warn/i.test(l)) ||
        'no report';
  console.log(
    `advisories: SKIPPED, the registry's audit endpoint could not be asked (${why.trim()}); run \`npm audit --omit=dev\` where it can`,
  );
  process.exit(0);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(
  `advisories (production dependencies): ${Object.entries(counts)
    .map(([level, n]) => `${level} ${n}`)
    .join(', ')}`,
);
if (serious > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {}))
    if (v.severity === 'high' || v.severity === 'critical') console.log(`  ${v.severity}: ${name} (${v.range})`);
  process.exit(1);
}
