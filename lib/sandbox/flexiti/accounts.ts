import 'server-only';
import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/lib/db/open';
import {
  sandboxFlexitiAccounts,
  type NewSandboxFlexitiAccountRow,
  type SandboxFlexitiAccountRow,
} from '@/lib/db/schema';

/**
 * The Flexiti sandbox's customers. QA and sales type these on screen: each one demonstrates a
 * path. Names match the Flipkart sandbox personas where possible (lib/sandbox/ultra/personas.ts),
 * so a checkout prefilled from the Flipkart profile identifies the right account.
 *
 * | Account  | FlexitiCard (VCC)  | Name          | DOB        | Postal | Available  | Shows                                |
 * |----------|--------------------|---------------|------------|--------|------------|--------------------------------------|
 * | 20009100 | 1070015210367982   | Priya Sharma  | 1985-01-20 | M5V2T6 | $2,500.00  | happy path: verified purchase        |
 * | 20009101 | 1070015210367990   | Arjun Mehta   | 1987-09-30 | H3B1A7 | $1,000.00  | applying shows "already has an account" |
 * | 20009102 | 1070015210368006   | Kavya Iyer    | 1993-02-17 | V6B4Y8 | $5.00      | low credit: `credit_exceeded`        |
 * | 20009103 | 1070015210368014   | Dana Rogers   | 1979-06-05 | T2P1J9 | $800.00    | derogatory: cannot purchase          |
 * | 20009104 | 1070015210368022   | Alex Tremblay | 1995-12-24 | K1P5G4 | $1,200.00  | needs activation (my.flexiti.com)    |
 *
 * Applicants approved by `/apply` get a new account (8 digits starting with 3) with $1,500.00.
 *
 * Priya, the main persona, pays with account 20009100, and applying as her (the checkout's name,
 * any date of birth but the account's, e.g. 1990-04-12) is a new applicant, so the apply route
 * ends approved. Arjun applying with his account's details is the "already has an account" case.
 */

type AccountRow = NewSandboxFlexitiAccountRow;

export const SANDBOX_FLEXITI_ACCOUNTS: readonly Omit<AccountRow, 'source' | 'createdAt'>[] = [
  {
    accountNumber: '20009100',
    vccNumber: '1070015210367982',
    customerId: '1000100-20009',
    firstName: 'Priya',
    lastName: 'Sharma',
    dob: '1985-01-20',
    postalCode: 'M5V2T6',
    email: 'priya.sharma@example.com',
    phone: '4165550100',
    accountType: 'consumer',
    status: 'active',
    creditLimitCents: 250_000,
    availableCreditCents: 250_000,
    note: 'Happy path: verified purchase',
  },
  {
    accountNumber: '20009101',
    vccNumber: '1070015210367990',
    customerId: '1000101-20009',
    firstName: 'Arjun',
    lastName: 'Mehta',
    dob: '1987-09-30',
    postalCode: 'H3B1A7',
    email: 'arjun.mehta@example.com',
    phone: '5145550101',
    accountType: 'consumer',
    status: 'active',
    creditLimitCents: 100_000,
    availableCreditCents: 100_000,
    note: 'A second good account; applying with its details: already has an account',
  },
  {
    accountNumber: '20009102',
    vccNumber: '1070015210368006',
    customerId: '1000102-20009',
    firstName: 'Kavya',
    lastName: 'Iyer',
    dob: '1993-02-17',
    postalCode: 'V6B4Y8',
    email: 'kavya.iyer@example.com',
    phone: '6045550102',
    accountType: 'consumer',
    status: 'active',
    creditLimitCents: 50_000,
    availableCreditCents: 500,
    note: 'Low credit ($5.00 available): every plan is credit_exceeded',
  },
  {
    accountNumber: '20009103',
    vccNumber: '1070015210368014',
    customerId: '1000103-20009',
    firstName: 'Dana',
    lastName: 'Rogers',
    dob: '1979-06-05',
    postalCode: 'T2P1J9',
    email: 'dana.rogers@example.com',
    phone: '4035550103',
    accountType: 'consumer',
    status: 'derogatory',
    creditLimitCents: 80_000,
    availableCreditCents: 80_000,
    note: 'Derogatory status: cannot purchase',
  },
  {
    accountNumber: '20009104',
    vccNumber: '1070015210368022',
    customerId: '1000104-20009',
    firstName: 'Alex',
    lastName: 'Tremblay',
    dob: '1995-12-24',
    postalCode: 'K1P5G4',
    email: 'alex.tremblay@example.com',
    phone: '6135550104',
    accountType: 'consumer',
    status: 'needs_activation',
    creditLimitCents: 120_000,
    availableCreditCents: 120_000,
    note: 'Needs activation at my.flexiti.com',
  },
];

/** Credit line given to applicants `/apply` approves (simulator-defined). */
export const APPROVED_CREDIT_CENTS = 150_000;

/** Idempotent: inserts the accounts that are missing; never resets credit a demo has used. */
export async function seedFlexitiSandbox(db: Db): Promise<void> {
  await db
    .insert(sandboxFlexitiAccounts)
    .values(SANDBOX_FLEXITI_ACCOUNTS.map((a) => ({ ...a, source: 'seed' as const })))
    .onConflictDoNothing();
}

export type SandboxAccount = SandboxFlexitiAccountRow;

export const normalizePostal = (s: string) => s.replace(/\s+/g, '').toUpperCase();

export interface PersonalInformation {
  first_name?: string;
  last_name?: string;
  dob?: string;
  postal_code?: string;
}

export async function findAccountByNumber(db: DbOrTx, accountNumber: string): Promise<SandboxAccount | undefined> {
  const [row] = await db
    .select()
    .from(sandboxFlexitiAccounts)
    .where(eq(sandboxFlexitiAccounts.accountNumber, accountNumber));
  return row;
}

/** The account a widget/init identification points at: account number, then card, then person. */
export async function findAccount(
  db: DbOrTx,
  id: { account_number?: string; vcc_number?: string; personal_information?: PersonalInformation },
): Promise<SandboxAccount | undefined> {
  if (id.account_number) return findAccountByNumber(db, id.account_number);
  if (id.vcc_number) {
    const [row] = await db
      .select()
      .from(sandboxFlexitiAccounts)
      .where(eq(sandboxFlexitiAccounts.vccNumber, id.vcc_number));
    return row;
  }
  const pi = id.personal_information;
  if (pi?.first_name && pi.last_name && pi.dob && pi.postal_code) {
    const [row] = await db
      .select()
      .from(sandboxFlexitiAccounts)
      .where(
        and(
          sql`lower(${sandboxFlexitiAccounts.firstName}) = ${pi.first_name.trim().toLowerCase()}`,
          sql`lower(${sandboxFlexitiAccounts.lastName}) = ${pi.last_name.trim().toLowerCase()}`,
          eq(sandboxFlexitiAccounts.dob, pi.dob),
          eq(sandboxFlexitiAccounts.postalCode, normalizePostal(pi.postal_code)),
        ),
      );
    return row;
  }
  return undefined;
}

/** Opens a new account for an approved applicant (simulator-defined numbering). */
export async function openAccount(
  db: DbOrTx,
  applicant: Required<PersonalInformation> & {
    email: string | null;
    phone: string | null;
    accountType: 'consumer' | 'business';
  },
): Promise<SandboxAccount> {
  for (let attempt = 0; ; attempt++) {
    const n = randomInt(0, 1_000_000).toString().padStart(6, '0');
    const [row] = await db
      .insert(sandboxFlexitiAccounts)
      .values({
        accountNumber: `3${randomInt(0, 10)}${n}`,
        vccNumber: `10700199${randomInt(0, 100_000_000).toString().padStart(8, '0')}`,
        customerId: `${randomInt(2_000_000, 9_999_999)}-${randomInt(10_000, 99_999)}`,
        firstName: applicant.first_name.trim(),
        lastName: applicant.last_name.trim(),
        dob: applicant.dob,
        postalCode: normalizePostal(applicant.postal_code),
        email: applicant.email,
        phone: applicant.phone,
        accountType: applicant.accountType,
        status: 'active',
        creditLimitCents: APPROVED_CREDIT_CENTS,
        availableCreditCents: APPROVED_CREDIT_CENTS,
        note: 'Opened by /apply',
        source: 'apply',
      })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
    if (attempt >= 5) throw new Error('could not allocate a sandbox Flexiti account number');
  }
}
