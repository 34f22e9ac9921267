import { z } from 'zod';

/** The sign-in's body: the grant token from the Flipkart sheet and where to come back to (checked later). */
export const signInBody = z.object({ grantToken: z.string().max(1024), returnTo: z.unknown() });
