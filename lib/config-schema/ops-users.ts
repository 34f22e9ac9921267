/**
 * OPS_USERS: staff accounts as `name:hash` entries separated by commas, where `hash` comes from
 * `npm run ops:hash-password` (lib/ops/password.ts). Pure, and beside the config contract that
 * validates it (env-schema.ts); lib/ops reads the parsed accounts from here (lib/ops/staff.ts).
 */

/** A hash as lib/ops/password.ts writes it: `scrypt.<salt>.<hash>`, base64url. */
export const OPS_HASH_PATTERN = /^scrypt\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{40,}$/;

export interface OpsUserEntry {
  name: string;
  hash: string;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;

export type OpsUsersParse = { ok: true; users: OpsUserEntry[] } | { ok: false; message: string };

export function parseOpsUsers(value: string | undefined): OpsUsersParse {
  const users: OpsUserEntry[] = [];
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const [i, entry] of entries.entries()) {
    const at = entry.indexOf(':');
    const name = at > 0 ? entry.slice(0, at) : '';
    const hash = at > 0 ? entry.slice(at + 1) : '';
    if (!NAME.test(name)) {
      return {
        ok: false,
        message: `entry ${i + 1}: the name must be 1–40 lower-case letters, digits, ".", "_" or "-", followed by ":"`,
      };
    }
    if (!OPS_HASH_PATTERN.test(hash)) {
      return {
        ok: false,
        message: `entry ${i + 1} (${name}): the hash must be the output of \`npm run ops:hash-password\` (scrypt.<salt>.<hash>)`,
      };
    }
    if (users.some((u) => u.name === name)) return { ok: false, message: `entry ${i + 1}: ${name} appears twice` };
    users.push({ name, hash });
  }
  return { ok: true, users };
}
