import { describe, expect, it } from 'vitest';
import { hashOpsPassword } from './password';
import { authenticateStaff, demoStaffCredentials, demoStaffPassword } from './staff';

const AUTH_SECRET = 's'.repeat(43);

describe('authenticateStaff', () => {
  it('signs in an OPS_USERS account with its password only', async () => {
    const opsUsers = `alice:${await hashOpsPassword('alice-password-1')}`;
    const config = { sandbox: false, authSecret: AUTH_SECRET, opsUsers };
    expect(await authenticateStaff(config, 'alice', 'alice-password-1')).toBe('alice');
    expect(await authenticateStaff(config, 'alice', 'alice-password-2')).toBeNull();
    expect(await authenticateStaff(config, 'bob', 'alice-password-1')).toBeNull();
  });

  it('has a demo account in sandbox mode only, its password derived from AUTH_SECRET', async () => {
    const password = demoStaffPassword(AUTH_SECRET);
    expect(password).toHaveLength(16);
    expect(demoStaffPassword('another-secret-another-secret-123')).not.toBe(password);
    expect(
      await authenticateStaff({ sandbox: true, authSecret: AUTH_SECRET, opsUsers: undefined }, 'demo', password),
    ).toBe('demo');
    expect(
      await authenticateStaff({ sandbox: true, authSecret: AUTH_SECRET, opsUsers: undefined }, 'demo', 'guess'),
    ).toBeNull();
    expect(
      await authenticateStaff({ sandbox: false, authSecret: AUTH_SECRET, opsUsers: undefined }, 'demo', password),
    ).toBeNull();
    expect(demoStaffCredentials({ sandbox: false, authSecret: AUTH_SECRET })).toBeNull();
  });
});
