import { getConfig } from '@/lib/config';
import type { SignInFailure } from '@/lib/auth/errors';
import { FlipkartSignIn } from './flipkart-sign-in';

/**
 * The "Continue with Flipkart" control for any server component (header, sign-in page, checkout).
 * The browser learns only whether the sandbox is on and the public SDK client id (docs/partners/ultra.md#client-id-forms), never a secret.
 */
export function SignInWithFlipkart(props: {
  returnTo?: string;
  variant?: 'header' | 'page';
  initialError?: SignInFailure;
}) {
  const { sandbox, ultra } = getConfig();
  return <FlipkartSignIn sandbox={sandbox} clientId={ultra.clientId} {...props} />;
}
