import type { Metadata } from 'next';
import { requireCustomer } from '@/lib/auth';
import { sandboxSuggestedAccount } from '@/lib/orders/opentv-account';
import { OpenTvAccountForms } from './opentv-account-form';

export const metadata: Metadata = { title: 'Your account' };
export const dynamic = 'force-dynamic';

/**
 * The customer's account: what Flipkart shared with us, and the OpenTV account their plans are
 * provisioned on (DESIGN.md flow 2: linked, or created at the first purchase).
 */
export default async function AccountPage() {
  const customer = await requireCustomer('/account');
  const suggested = customer.opentvAccountId ? null : sandboxSuggestedAccount(customer.identityToken);
  const name = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Your account</h1>
      <section aria-labelledby="profile-heading" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="profile-heading" className="text-lg font-semibold">
          From Flipkart
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-slate-800">
          <dt className="text-slate-600">Name</dt>
          <dd>{name || 'not shared'}</dd>
          <dt className="text-slate-600">Email</dt>
          <dd>{customer.email ?? 'not shared'}</dd>
          <dt className="text-slate-600">Mobile</dt>
          <dd>{customer.mobile ?? 'not shared'}</dd>
        </dl>
      </section>
      <section aria-labelledby="opentv-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="opentv-heading" className="text-lg font-semibold">
          OpenTV account
        </h2>
        <p className="text-slate-800" data-testid="opentv-account">
          {customer.opentvAccountId ? (
            <>
              Your plans are set up on OpenTV account <span className="font-mono">{customer.opentvAccountId}</span>.
            </>
          ) : (
            'No OpenTV account linked yet.'
          )}
        </p>
        {suggested ? (
          <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
            Sandbox: this Flipkart persona already has OpenTV account <span className="font-mono">{suggested}</span>{' '}
            (filled in below). It is linked automatically at your first purchase if you link nothing.
          </p>
        ) : null}
        <OpenTvAccountForms suggested={suggested} hasAccount={!!customer.opentvAccountId} />
      </section>
    </div>
  );
}
