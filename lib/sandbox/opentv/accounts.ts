import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq, or } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/lib/db/client';
import { sandboxOpentvAccounts, type SandboxOpentvAccountRow } from '@/lib/db/schema';
import { json, readJson, type SandboxContext } from '@/lib/sandbox/router';
import { describeIssues, opentvError, operatorGuard } from './guard';
import { accountNumberFor } from './seed';

type AccountRow = SandboxOpentvAccountRow;

/** `GET /adm/v1/accounts/{id}` shape (docs/partners/opentv.md#accounts). */
export function accountToWire(a: AccountRow) {
  return {
    status: a.status,
    accountProfileId: a.accountProfileId,
    billingAddress: a.billingAddress,
    created: a.createdAt.toISOString(),
    modified: a.modifiedAt.toISOString(),
    pvrStatus: a.pvrStatus,
    accountNumber: a.accountNumber,
    signonId: a.signonId,
    _id: a.id,
  };
}

// docs/partners/opentv.md#accounts: an explicit `_id` "must not be PII": no e-mail addresses, no phone numbers.
const accountId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "-" or "_"')
  .refine((v) => !/^\+?\d{7,}$/.test(v), 'must not be personal data (looks like a phone number)');

/** Both documented bodies: the simple `{signonId, password}` and the richer preHashedPassword one. */
const createAccountSchema = z.object({
  _id: accountId.optional(),
  signonId: z.string().min(1, 'is required').max(254, 'must be at most 254 characters'),
  password: z.string().optional(),
  salt: z.string().optional(),
  accountProfileId: z.string().optional(),
  npvrProfileName: z.string().optional(),
  billingAddress: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional(),
  pvrStatus: z.enum(['ENABLED', 'DISABLED'], { error: 'must be ENABLED or DISABLED' }).optional(),
  geoBlockExempt: z.boolean().optional(),
});

export async function createAccount(req: Request): Promise<Response> {
  const ctx = await operatorGuard(req, 'adm');
  if (ctx instanceof Response) return ctx;
  const parsed = createAccountSchema.safeParse(await readJson(req));
  if (!parsed.success) return opentvError('adm', 400, describeIssues(parsed.error));
  const body = parsed.data;
  if (body._id && body._id.toLowerCase() === body.signonId.toLowerCase()) {
    return opentvError('adm', 400, '_id: must not be personal data (equals signonId)');
  }
  const id = body._id ?? randomBytes(12).toString('hex');
  const clash = await ctx.db
    .select({ id: sandboxOpentvAccounts.id, signonId: sandboxOpentvAccounts.signonId })
    .from(sandboxOpentvAccounts)
    .where(or(eq(sandboxOpentvAccounts.id, id), eq(sandboxOpentvAccounts.signonId, body.signonId)));
  if (clash.length) {
    const field = clash.some((c) => c.id === id) ? '_id' : 'signonId';
    return opentvError('adm', 400, `${field}: an account with this ${field} already exists`);
  }
  const billing =
    body.billingAddress === undefined
      ? []
      : Array.isArray(body.billingAddress)
        ? body.billingAddress
        : [body.billingAddress];
  const inserted = await ctx.db
    .insert(sandboxOpentvAccounts)
    .values({
      id,
      signonId: body.signonId,
      accountProfileId: body.accountProfileId ?? null,
      accountNumber: accountNumberFor(id),
      pvrStatus: body.pvrStatus ?? 'DISABLED',
      billingAddress: billing,
      createdAt: ctx.now,
      modifiedAt: ctx.now,
    })
    .onConflictDoNothing()
    .returning({ id: sandboxOpentvAccounts.id });
  // A concurrent create with the same `_id`/signonId won the race.
  if (!inserted.length) return opentvError('adm', 400, '_id: an account with this _id already exists');
  return json({ _id: id }, 201);
}

export async function getAccount(req: Request, { params }: SandboxContext): Promise<Response> {
  const ctx = await operatorGuard(req, 'adm');
  if (ctx instanceof Response) return ctx;
  const [row] = await ctx.db.select().from(sandboxOpentvAccounts).where(eq(sandboxOpentvAccounts.id, params.id!));
  if (!row) return opentvError('adm', 404, `Account ${params.id} not found`);
  return json(accountToWire(row));
}

export async function findAccount(db: DbOrTx, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(sandboxOpentvAccounts).where(eq(sandboxOpentvAccounts.id, id));
  return row;
}
