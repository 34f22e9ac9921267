import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { getConfig, type AppConfig } from '@/lib/config';
import {
  integrationCalls,
  sandboxFlexitiAuthorizations,
  sandboxOpentvEntitlements,
  sandboxUltraOmsEvents,
} from '@/lib/db/schema';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { setSandboxOption, ULTRA_ANSWER_STYLES } from '@/lib/sandbox/options';
import { runFirstContact } from './checks';
import { formatFinding, summarize, type Finding } from './report';

let app: TestApp;
/** A loopback port nothing listens on. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const line = (findings: Finding[], partner: string, what: string) =>
  findings.filter((f) => f.partner === partner && f.what === what).map(formatFinding);

describe('npm run partners:check against the sandbox', () => {
  it('every partner: reachable, loopback http, clock, credentials, Ultra answer style, OMS path, OpenTV tenant; nothing created', async () => {
    const findings = await runFirstContact(getConfig());
    const printed = findings.map(formatFinding);
    expect(
      findings.filter((f) => f.level !== 'ok'),
      printed.join('\n'),
    ).toEqual([]);
    expect(line(findings, 'ultra', 'credentials')[0]).toMatch(/^ok\s+ultra\s+credentials\s+GET \/1\/dummy accepted/);
    expect(line(findings, 'ultra', 'answer style')).toHaveLength(1);
    expect(line(findings, 'ultra', 'clock')[0]).toContain("a secureToken's iat is in their past");
    expect(line(findings, 'oms', 'path')[0]).toMatch(
      /POST \/sandbox\/ultra\/oms\/3\/oms with an empty body was refused as it must be \(400, code 20: body: must be a JSON object\)/,
    );
    expect(line(findings, 'flexiti', 'merchant token')[0]).toMatch(/^ok/);
    expect(line(findings, 'flexiti', 'customer token')[0]).toMatch(/^ok/);
    expect(line(findings, 'keycloak', 'credentials')[0]).toMatch(/^ok/);
    expect(line(findings, 'opentv', 'tenant')[0]).toContain('tenant sandbox-tenant answers');
    for (const partner of ['ultra', 'oms', 'flexiti', 'keycloak', 'opentv'])
      expect(line(findings, partner, 'reachable'), partner).toHaveLength(1);
    expect(summarize(findings)).toEqual({
      line: expect.stringMatching(/^partners:check: \d+ ok, 0 warn, 0 FAIL/),
      failed: false,
    });

    // Harmless: no order event, authorization or entitlement exists at the partners afterwards.
    const db = app.open.db;
    expect(await db.select().from(sandboxUltraOmsEvents)).toEqual([]);
    expect(await db.select().from(sandboxFlexitiAuthorizations)).toEqual([]);
    expect(await db.select().from(sandboxOpentvEntitlements)).toEqual([]);
    // Through partnerFetch: in the call log, redacted.
    const dummy = await db
      .select()
      .from(integrationCalls)
      .where(and(eq(integrationCalls.partner, 'ultra'), like(integrationCalls.operation, 'firstContact.%')));
    expect(dummy.length).toBeGreaterThan(0);
    expect(JSON.stringify(dummy[0]!.request)).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it.each(ULTRA_ANSWER_STYLES)('Ultra answering %s: the answer style line says so, credentials ok', async (style) => {
    await setSandboxOption(app.open.db, 'ultra', 'answerStyle', style);
    try {
      const findings = await runFirstContact(getConfig());
      expect(line(findings, 'ultra', 'credentials')[0]).toMatch(/^ok/);
      expect(line(findings, 'ultra', 'answer style')[0]).toMatch(
        style === 'bare' ? /^ok\s+ultra\s+answer style\s+bare / : /^ok\s+ultra\s+answer style\s+envelope /,
      );
    } finally {
      await setSandboxOption(app.open.db, 'ultra', 'answerStyle', null);
    }
  });

  it('a wrong Flexiti secret: both token lines FAIL, naming the variables, and the summary fails', async () => {
    const config = getConfig();
    const wrong: AppConfig = { ...config, flexiti: { ...config.flexiti, clientSecret: 'not-the-secret' } };
    const findings = await runFirstContact(wrong);
    const merchant = line(findings, 'flexiti', 'merchant token')[0]!;
    expect(merchant).toMatch(
      /^FAIL\s+flexiti\s+merchant token\s+refused: .*check FLEXITI_CLIENT_ID \/ FLEXITI_CLIENT_SECRET/,
    );
    expect(line(findings, 'flexiti', 'customer token')[0]).toMatch(/^FAIL/);
    expect(merchant).not.toContain('not-the-secret');
    // Everything else still reads ok: one wrong setting, one place to look.
    expect(findings.filter((f) => f.level === 'FAIL').every((f) => f.partner === 'flexiti')).toBe(true);
    expect(summarize(findings)).toEqual({
      line: expect.stringMatching(/, 2 FAIL: fix every FAIL before opening the store$/),
      failed: true,
    });
  });

  it('a wrong OPENTV_TENANT_ID: the tenant line FAILs with the 404 (the token is still fine)', async () => {
    const config = getConfig();
    const wrong: AppConfig = { ...config, opentv: { ...config.opentv, tenantId: 'not-our-tenant' } };
    const findings = await runFirstContact(wrong);
    expect(line(findings, 'keycloak', 'credentials')[0]).toMatch(/^ok/);
    expect(line(findings, 'opentv', 'tenant')[0]).toMatch(
      /^FAIL\s+opentv\s+tenant\s+tenant not-our-tenant is unknown to OpenTV: .*HTTP 404.*Tenant not-our-tenant does not exist.*\(check OPENTV_TENANT_ID\)$/,
    );
    expect(summarize(findings).failed).toBe(true);
  });

  it('a key Flipkart does not know: the Ultra credentials line FAILs and the OMS one too', async () => {
    const config = getConfig();
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const findings = await runFirstContact({ ...config, ultra: { ...config.ultra, privateKey: other } });
    expect(line(findings, 'ultra', 'credentials')[0]).toMatch(
      /^FAIL\s+ultra\s+credentials\s+GET \/1\/dummy answered 401/,
    );
    expect(line(findings, 'oms', 'credentials')[0]).toMatch(
      /^FAIL\s+oms\s+credentials\s+POST \/sandbox\/ultra\/oms\/3\/oms refused our secureToken \(400, code 10: /,
    );
  });

  it('a host that does not answer: one reachable FAIL per partner on it, nothing thrown', async () => {
    const config = getConfig();
    const findings = await runFirstContact({
      ...config,
      flexiti: { ...config.flexiti, baseUrl: `http://127.0.0.1:${await closedPort()}` },
    });
    expect(line(findings, 'flexiti', 'reachable')[0]).toMatch(
      /^FAIL\s+flexiti\s+reachable\s+127\.0\.0\.1:\d+: network: .*ECONNREFUSED/,
    );
    expect(line(findings, 'flexiti', 'merchant token')).toEqual([]);
  });
});
