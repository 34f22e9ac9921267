import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentCustomer, safeReturnTo, SignInWithFlipkart } from '@/lib/auth';
import { SIGN_IN_FAILURES, type SignInFailure } from '@/lib/auth/errors';
import { BRAND } from '@/lib/brand';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Sign-in page: pages that need a customer send people here with `returnTo` (lib/auth requireCustomer). */
export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const q = await searchParams;
  const returnTo = safeReturnTo(Array.isArray(q.returnTo) ? q.returnTo[0] : q.returnTo);
  if (await getCurrentCustomer()) redirect(returnTo);
  // Auth.js sends its own errors here as `?error=CredentialsSignin&code=…`.
  const code = typeof q.code === 'string' ? q.code : undefined;
  const initialError = code
    ? (SIGN_IN_FAILURES as readonly string[]).includes(code)
      ? (code as SignInFailure)
      : 'unknown'
    : undefined;
  return (
    <div className="mx-auto max-w-md space-y-6 py-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Sign in</h1>
        <p className="text-slate-700">
          {BRAND.name} uses your Flipkart account: no new password, one tap. Flipkart asks you what to share with us.
        </p>
      </div>
      <SignInWithFlipkart returnTo={returnTo} initialError={initialError} />
      <section aria-labelledby="why-heading" className="rounded-lg bg-white p-4 text-sm text-slate-700">
        <h2 id="why-heading" className="font-semibold text-slate-900">
          What we ask Flipkart for
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>Your name, to greet you and put it on your plan.</li>
          <li>Your email address, for receipts and your plan’s activation link.</li>
          <li>Your mobile number, so we can reach you about your order.</li>
        </ul>
        <p className="mt-2">Your card and bank details are never shared with us.</p>
      </section>
    </div>
  );
}
