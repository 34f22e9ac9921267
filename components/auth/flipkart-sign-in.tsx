import { getLocale, getMessages } from 'next-intl/server';
import { getConfig } from '@/lib/config';
import type { SignInFailure } from '@/lib/auth/errors';
import { SignInLazy } from './sign-in-lazy';

/**
 * The "Continue with Flipkart" control for any server component (header, sign-in page, checkout):
 * the one sign-in component pages use. Inside: SignInLazy (the button, then the flow at the first
 * tap), SignInFlow (the SDK and its panels) and SignInButton (the button itself).
 * The browser learns only whether the sandbox is on and the public SDK client id (docs/partners/ultra.md#client-id-forms), never a secret.
 * It gets its strings as props (the `SignIn` messages), so pages need no next-intl client runtime.
 */
export async function FlipkartSignIn(props: {
  returnTo?: string;
  variant?: 'header' | 'page';
  initialError?: SignInFailure;
}) {
  const { sandbox, ultra } = getConfig();
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  return (
    <SignInLazy sandbox={sandbox} clientId={ultra.clientId} locale={locale} messages={messages.SignIn} {...props} />
  );
}
