import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { opsAudit } from '@/lib/db/schema';
import { revokeSession } from '@/lib/security/sessions';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { staffHeaders } from '@/test/support/staff';
import { issueStaffCookie, revokeRemovedStaffSessions, signInStaff, staffFromToken } from './staff-session';
import { hashOpsPassword } from './password';
import { demoStaffPassword } from './staff';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const db = () => app.open.db;
const auditOf = (actor: string) =>
  db().select().from(opsAudit).where(eq(opsAudit.actor, actor)).orderBy(desc(opsAudit.id));

describe('staff sign-in lockout', () => {
  it('locks a name at one address after 5 wrong passwords, audits each failure, and the right password still works from elsewhere', async () => {
    const config = getConfig();
    const attempt = (password: string, ip = '192.0.2.1') => signInStaff(db(), config, { name: 'demo', password, ip });
    const answers = [];
    for (let i = 1; i <= 7; i++) answers.push(await attempt(`wrong-${i}`));
    expect(answers.map((a) => (a.ok ? 'ok' : a.reason))).toEqual([
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'locked',
      'locked',
      'locked',
    ]);
    const rightHere = await attempt(demoStaffPassword(config.authSecret));
    expect(rightHere).toMatchObject({ ok: false, reason: 'locked' });
    if (!rightHere.ok && rightHere.reason === 'locked') expect(rightHere.retryAfterS).toBeGreaterThan(13 * 60);
    const rows = await auditOf('demo');
    expect(rows.filter((r) => r.action === 'sign-in.failed')).toHaveLength(5);
    expect(rows.find((r) => r.detail?.lockedForSeconds)).toBeTruthy();
    // Three refusals (two wrong, one right, all while locked): one aggregated row with the count.
    const refused = rows.filter((r) => r.action === 'sign-in.locked');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.detail).toMatchObject({ count: 3, ip: '192.0.2.1' });
    // A stranger at one address cannot lock a colleague out: the right password from another works.
    expect(await attempt(demoStaffPassword(config.authSecret), '192.0.2.99')).toMatchObject({ ok: true });
  });

  it('counts a name whatever its case (Demo, DEMO and demo are one name to the lock)', async () => {
    const config = getConfig();
    const results = [];
    for (const name of ['Casey', 'CASEY', 'casey', 'cAsEy', 'Casey'])
      results.push(await signInStaff(db(), config, { name, password: 'wrong', ip: '192.0.2.77' }));
    expect(results.slice(0, 4).map((r) => (r.ok ? 'ok' : r.reason))).toEqual([
      'invalid',
      'invalid',
      'invalid',
      'invalid',
    ]);
    expect(results[4]).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('locks one address trying many names', async () => {
    const config = getConfig();
    const results = [];
    for (let i = 0; i < 21; i++)
      results.push(await signInStaff(db(), config, { name: `nobody-${i}`, password: 'x', ip: '198.51.100.7' }));
    expect(results.slice(0, 20).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('locks a name tried from many addresses at the higher name-wide limit (25)', async () => {
    const config = getConfig();
    const results = [];
    for (let i = 0; i < 26; i++)
      results.push(await signInStaff(db(), config, { name: 'spread', password: 'x', ip: `203.0.113.${i}` }));
    expect(results.slice(0, 25).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('100 parallel wrong passwords for one name: at most 5 verified, then the right password from another address works', async () => {
    const config = { ...getConfig(), opsUsers: `demo2:${await hashOpsPassword('right-password')}` };
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        signInStaff(db(), config, { name: 'demo2', password: `guess-${i}`, ip: '192.0.2.50' }),
      ),
    );
    const rows = await auditOf('demo2');
    const verified = rows.filter((r) => r.action === 'sign-in.failed').length;
    console.log(
      `100 parallel wrong passwords: ${verified} verified, ${results.filter((r) => !r.ok && r.reason === 'locked').length} refused unverified; audit rows ${rows.length}`,
    );
    expect(verified).toBeGreaterThanOrEqual(1);
    expect(verified).toBeLessThanOrEqual(5);
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(verified);
    // Refusals are aggregated: one row with the count (two if the run straddles a window edge), not 99.
    const refused = rows.filter((r) => r.action === 'sign-in.locked');
    expect(refused.length).toBeLessThanOrEqual(2);
    expect(refused.reduce((n, r) => n + Number(r.detail?.count), 0)).toBe(100 - verified);
    expect(
      await signInStaff(db(), config, { name: 'demo2', password: 'right-password', ip: '192.0.2.51' }),
    ).toMatchObject({
      ok: true,
      name: 'demo2',
    });
  });
});

describe('staff sessions are revoked server-side', () => {
  it('a signed-out session stops working even with a copy of the cookie', async () => {
    const token = await issueStaffCookie(db(), getConfig(), 'demo');
    const session = await staffFromToken(db(), getConfig(), token);
    expect(session?.name).toBe('demo');
    await revokeSession(db(), session!.sessionId);
    expect(await staffFromToken(db(), getConfig(), token)).toBeNull();
  });

  it('a removed staff account loses its session at once', async () => {
    const withAlice = { ...getConfig(), opsUsers: `alice:scrypt.${'A'.repeat(22)}.${'A'.repeat(43)}` };
    const token = await issueStaffCookie(db(), withAlice, 'alice');
    expect((await staffFromToken(db(), withAlice, token))?.name).toBe('alice');
    expect(await staffFromToken(db(), { ...withAlice, opsUsers: undefined }, token)).toBeNull();
  });

  it('a name removed from OPS_USERS and added back does not get its old sessions back', async () => {
    const withBob = { ...getConfig(), opsUsers: `bob:scrypt.${'A'.repeat(22)}.${'A'.repeat(43)}` };
    const bobsToken = await issueStaffCookie(db(), withBob, 'bob');
    const demosToken = await issueStaffCookie(db(), withBob, 'demo');
    // A restart without bob in OPS_USERS: the start-up sweep revokes his rows, not the demo's.
    expect(await revokeRemovedStaffSessions(db(), { ...withBob, opsUsers: undefined })).toBeGreaterThanOrEqual(1);
    expect(await staffFromToken(db(), withBob, bobsToken)).toBeNull();
    expect((await staffFromToken(db(), withBob, demosToken))?.name).toBe('demo');
  });
});

describe('sandbox fault and settings endpoints', () => {
  const oms = () => `${app.url}/sandbox/ultra/oms/sandbox`;
  it('refuse a request without a staff session', async () => {
    for (const [method, path, body] of [
      ['POST', '/faults', { status: 503, times: 1 }],
      ['DELETE', '/faults', undefined],
      ['PUT', '/settings', { latencyMs: 1 }],
    ] as const) {
      const res = await fetch(`${oms()}${path}`, {
        method,
        headers: { 'content-type': 'application/json', cookie: 'ops_session=forged' },
        body: body ? JSON.stringify(body) : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'forbidden' });
    }
  });

  it('work for staff and are audited under their name', async () => {
    const res = await fetch(`${oms()}/faults`, {
      method: 'POST',
      headers: await staffHeaders({ 'content-type': 'application/json' }),
      body: JSON.stringify({ status: 503, times: 1 }),
    });
    expect(res.status).toBe(200);
    const [row] = await auditOf('demo');
    expect(row).toMatchObject({ action: 'sandbox.oms-fault', detail: { status: 503, times: 1 } });
    await fetch(`${oms()}/faults`, { method: 'DELETE', headers: await staffHeaders() });
    expect((await auditOf('demo'))[0]!.action).toBe('sandbox.oms-fault-cleared');
  });
});
