import { z } from 'zod';

/** `POST /api/ops/session`: the staff sign-in for scripts (JSON or a form). */
export const staffSessionBody = z.object({
  name: z.string({ error: 'required' }).trim().toLowerCase().min(1, 'required').max(40, 'at most 40 characters'),
  password: z.string({ error: 'required' }).min(1, 'required').max(200, 'at most 200 characters'),
});
