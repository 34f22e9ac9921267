import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { FlipkartSignIn } from '@/components/auth/flipkart-sign-in';
import { getCurrentCustomer, safeReturnTo } from '@/lib/auth';
import { SIGN_IN_FAILURES, type SignInFailure } from '@/lib/auth/errors';
import { BRAND } from '@/lib/brand';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Meta'))('signIn') };
}
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
  const t = await getTranslations('SignIn');
  return (
    <div className="mx-auto max-w-md space-y-6 py-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro', { brand: BRAND.name })}</p>
      </div>
      <FlipkartSignIn returnTo={returnTo} initialError={initialError} />
      <section aria-labelledby="why-heading" className="rounded-lg bg-white p-4 text-sm text-slate-700">
        <h2 id="why-heading" className="font-semibold text-slate-900">
          {t('whyTitle')}
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>{t('whyName')}</li>
          <li>{t('whyEmail')}</li>
          <li>{t('whyMobile')}</li>
        </ul>
        <p className="mt-2">{t('never')}</p>
      </section>
    </div>
  );
}
