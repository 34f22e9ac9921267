'use server';

import { z } from 'zod';
import { validatedAction } from '@/lib/actions/validated-action';
import { signOut } from './index';

export const signOutOfStore = validatedAction(
  z.object({}),
  async (): Promise<void> => {
    await signOut({ redirectTo: '/' });
  },
  { onInvalid: () => undefined },
); // no fields, so nothing to refuse
