import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Notice } from '@/components/ops/ui';
import { buttonClass, inputClass, labelClass } from '@/components/ui/form-fields';
import { getConfig } from '@/lib/config';
import { getStaff, safeOpsReturnTo } from '@/lib/ops/access';
import { demoStaffCredentials } from '@/lib/ops/staff';
import { staffSignIn } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Staff sign-in', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;

const ERRORS: Record<string, (q: Record<string, string | undefined>) => string> = {
  invalid: () => 'That name and password do not match a staff account.',
  missing: () => 'Enter your staff name and password.',
  locked: (q) => {
    const m = Math.max(1, Math.min(60, Number(q.minutes) || 15));
    return `Too many wrong passwords. Try again in ${m === 1 ? '1 minute' : `${m} minutes`}.`;
  },
};

/** Staff sign-in for /ops. In sandbox mode (only) it shows the demo staff account. */
export default async function StaffSignInPage({ searchParams }: { searchParams: Search }) {
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const next = safeOpsReturnTo(one(q.next));
  if (await getStaff()) redirect(next);
  const demo = demoStaffCredentials(getConfig());
  const error = ERRORS[one(q.error) ?? '']?.({ minutes: one(q.minutes) });
  // The name tried last (after a wrong password), if it looks like a staff name.
  const name = /^[a-z0-9._-]{1,40}$/.test(one(q.name) ?? '') ? one(q.name) : undefined;
  return (
    <main id="main" className="mx-auto w-full max-w-md px-4 py-10">
      <h1 className="mb-1 text-2xl font-bold">Staff sign-in</h1>
      <p className="mb-6 text-sm text-slate-600">The ops console is for QA, support and sales staff.</p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {one(q.signed_out) ? <Notice kind="ok">You are signed out of the ops console.</Notice> : null}
      <form action={staffSignIn} className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
        <input type="hidden" name="next" value={next} />
        <div>
          <label htmlFor="name" className={labelClass}>
            Staff name
          </label>
          <input id="name" name="name" autoComplete="username" required defaultValue={name} className={inputClass} />
        </div>
        <div>
          <label htmlFor="password" className={labelClass}>
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            // After a wrong password the name is kept: the cursor goes straight to the password.
            autoFocus={Boolean(name)}
            className={inputClass}
          />
        </div>
        <button type="submit" className={`${buttonClass} w-full`}>
          Sign in
        </button>
      </form>
      {demo ? (
        <section
          aria-labelledby="demo-staff"
          className="mt-6 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm"
        >
          <h2 id="demo-staff" className="font-semibold text-amber-950">
            Sandbox demo account
          </h2>
          <p className="mt-1 text-amber-950">
            This store runs against partner sandboxes, so a demo staff account exists:
          </p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt>Name</dt>
            <dd className="font-mono" data-testid="demo-staff-name">
              {demo.name}
            </dd>
            <dt>Password</dt>
            <dd className="font-mono" data-testid="demo-staff-password">
              {demo.password}
            </dd>
          </dl>
        </section>
      ) : null}
    </main>
  );
}
