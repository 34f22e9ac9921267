import { StoreNavLink } from '@/components/ui/store-nav-link';
import { getTranslations } from 'next-intl/server';
import { greetingName, getCurrentCustomer } from '@/lib/auth';
import { signOutOfStore } from './actions';
import { FlipkartSignIn } from './flipkart-sign-in';

const item =
  'inline-flex min-h-11 items-center whitespace-nowrap rounded-md px-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600';

/**
 * The header's account slot: "Continue with Flipkart", or the customer's first name and their
 * links. On a phone the links take a second line (44 px targets do not fit beside the wordmark).
 */
export async function AccountMenu() {
  const t = await getTranslations('Layout');
  const customer = await getCurrentCustomer();
  if (!customer) return <FlipkartSignIn variant="header" />;
  // A fragment: the greeting and the links are items of the header's own row (site-header.tsx).
  const name = greetingName(customer);
  return (
    <>
      <span data-testid="account-name" className="px-1 text-sm font-medium text-slate-800">
        {name ? t('greeting', { name }) : t('greetingNoName')}
      </span>
      <nav
        aria-label={t('accountNav')}
        className="flex basis-full items-center justify-end gap-0.5 sm:basis-auto sm:gap-1"
      >
        <StoreNavLink href="/orders" className={item}>
          {t('myOrders')}
        </StoreNavLink>
        <StoreNavLink href="/account" className={item}>
          {t('account')}
        </StoreNavLink>
        <form action={signOutOfStore}>
          <button type="submit" className={item}>
            {t('signOut')}
          </button>
        </form>
      </nav>
    </>
  );
}
