import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '@/lib/config-schema';
import { parseOpsUsers } from '@/lib/config-schema/ops-users';
import { verifyOpsPassword } from './password';

/** The sandbox's demo staff account (sandbox mode only; shown on /ops/sign-in and nowhere else). */
export const DEMO_STAFF_NAME = 'demo';

/**
 * The demo staff password, derived from AUTH_SECRET (itself generated into `.data/` in sandbox
 * mode), so it is stable across restarts and instances without another secret file.
 */
export function demoStaffPassword(authSecret: string): string {
  return createHmac('sha256', authSecret).update('ops-demo-staff-password-v1').digest('base64url').slice(0, 16);
}

export function demoStaffCredentials(config: Pick<AppConfig, 'sandbox' | 'authSecret'>) {
  return config.sandbox ? { name: DEMO_STAFF_NAME, password: demoStaffPassword(config.authSecret) } : null;
}

const DUMMY_HASH = `scrypt.${'A'.repeat(22)}.${'A'.repeat(43)}`;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The staff name when `name`/`password` match an OPS_USERS entry (or, in sandbox mode, the demo
 * account); null otherwise. An unknown name still costs one scrypt, so timing does not say
 * which names exist.
 */
export async function authenticateStaff(
  config: Pick<AppConfig, 'sandbox' | 'authSecret' | 'opsUsers'>,
  name: string,
  password: string,
): Promise<string | null> {
  const parsed = parseOpsUsers(config.opsUsers);
  const users = parsed.ok ? parsed.users : [];
  const user = users.find((u) => u.name === name);
  if (user) return (await verifyOpsPassword(password, user.hash)) ? user.name : null;
  const demo = demoStaffCredentials(config);
  if (demo && name === demo.name) return sameText(password, demo.password) ? demo.name : null;
  await verifyOpsPassword(password, DUMMY_HASH);
  return null;
}

/** The staff accounts of this configuration: the OPS_USERS names, plus the demo one in sandbox mode. */
export function staffAccountNames(config: Pick<AppConfig, 'sandbox' | 'opsUsers'>): string[] {
  const parsed = parseOpsUsers(config.opsUsers);
  const names = parsed.ok ? parsed.users.map((u) => u.name) : [];
  return config.sandbox ? [...names, DEMO_STAFF_NAME] : names;
}

/** Still a staff account now: an entry removed from OPS_USERS ends its sessions at once. */
export function isStaffAccount(config: Pick<AppConfig, 'sandbox' | 'opsUsers'>, name: string): boolean {
  return staffAccountNames(config).includes(name);
}
