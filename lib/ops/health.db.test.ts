import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSandboxOption, ULTRA_ANSWER_STYLES } from '@/lib/sandbox/options';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { runHealthChecks } from './health';

/** The health page's checks against the built-in sandboxes, with Flipkart answering in each style. */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe.each(ULTRA_ANSWER_STYLES)('partner health with Flipkart answering %s', (style) => {
  beforeAll(() => setSandboxOption(app.open.db, 'ultra', 'answerStyle', style));
  afterAll(() => setSandboxOption(app.open.db, 'ultra', 'answerStyle', null));

  it('the Ultra check is green and says which style Flipkart answered in', async () => {
    const { checks } = await runHealthChecks();
    const ultra = checks.find((c) => c.id === 'ultra');
    expect(ultra).toMatchObject({
      ok: true,
      detail: style === 'bare' ? 'credentials accepted; answers bare' : expect.stringMatching(/envelope/),
    });
    expect(checks.filter((c) => c.ok === false)).toEqual([]);
  });
});
