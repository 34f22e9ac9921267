/**
 * `npm run partners:check`: first contact with every partner, run by an operator with the real
 * settings before opening the store (docs/deploy.md#first-contact). Harmless calls only; one line
 * per finding, a summary, exit 1 on any FAIL. Its calls are logged (redacted) to an in-memory
 * database, never to the store's: the check writes nothing anywhere.
 */
import { setDatabaseForTests } from '@/lib/db/client';
import { openDatabase } from '@/lib/db/open';
import { runFirstContact } from '@/lib/ops/first-contact/checks';
import { formatFinding, summarize } from '@/lib/ops/first-contact/report';
import { describePartners } from '@/lib/config-schema';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configOrExit } from './config-or-exit';

// `-- --report FILE`: also the findings as JSON, each one a check (CI adds them to its summary).
const { values } = parseArgs({ options: { report: { type: 'string' } } });

async function main() {
  const config = configOrExit();
  console.log(describePartners(config));
  // partnerFetch logs every call; here to a throwaway database (a running store may own a PGlite folder).
  const open = await openDatabase({ kind: 'pglite', dir: null }, { currency: config.currency });
  setDatabaseForTests(open);
  const findings = await runFirstContact(config);
  for (const f of findings) console.log(formatFinding(f));
  const { line, failed } = summarize(findings);
  console.log(line);
  if (values.report) {
    const failedCount = findings.filter((f) => f.level === 'FAIL').length;
    writeFileSync(
      values.report,
      JSON.stringify({ passed: findings.length - failedCount, failed: failedCount, findings }, null, 2),
    );
  }
  await open.close();
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
