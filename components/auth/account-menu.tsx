import Link from 'next/link';
import { greetingName, getCurrentCustomer } from '@/lib/auth';
import { signOutOfStore } from '@/lib/auth/actions';
import { SignInWithFlipkart } from './sign-in-with-flipkart';

/** The header's account slot: "Continue with Flipkart", or the customer's first name and Sign out. */
export async function AccountMenu() {
  const customer = await getCurrentCustomer();
  if (!customer) return <SignInWithFlipkart variant="header" />;
  const name = greetingName(customer);
  return (
    <div className="flex items-center gap-1 text-sm">
      <span data-testid="account-name" className="font-medium text-slate-800">
        {name ? `Hi, ${name}` : 'Hi there'}
      </span>
      <Link href="/orders" className="rounded-md px-2 py-1.5 font-semibold text-brand-700 hover:bg-brand-50">
        My orders
      </Link>
      <Link href="/account" className="rounded-md px-2 py-1.5 font-semibold text-brand-700 hover:bg-brand-50">
        Account
      </Link>
      <form action={signOutOfStore}>
        <button type="submit" className="rounded-md px-2 py-1.5 font-semibold text-brand-700 hover:bg-brand-50">
          Sign out
        </button>
      </form>
    </div>
  );
}
