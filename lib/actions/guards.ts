import 'server-only';
import { redirect } from 'next/navigation';
import { getConfig } from '@/lib/config';

/** An action `guard`: with the sandbox off, the action does nothing and the caller goes to `elsewhere`. */
export function sandboxOnly(elsewhere: string): () => void {
  return () => {
    if (!getConfig().sandbox) redirect(elsewhere);
  };
}
