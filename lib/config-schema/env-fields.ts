import { z } from 'zod';

/** The value types of environment variables: each turns a string into a checked value with a `NAME: why` message. */

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
export const opt = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

export const httpUrl = z
  .string()
  .refine((v) => /^https?:\/\/[^/\s]+/.test(v) && URL.canParse(v), 'must be an http:// or https:// URL')
  .transform((v) => v.replace(/\/+$/, ''));

export const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/.+/.test(v) && URL.canParse(v), 'must be a postgres:// URL');

export const onOff = z.enum(['on', 'off'], { error: 'must be "on" or "off"' });

export const port = z.coerce
  .number({ error: 'must be a whole number from 1 to 65535' })
  .int('must be a whole number from 1 to 65535')
  .min(1, 'must be a whole number from 1 to 65535')
  .max(65535, 'must be a whole number from 1 to 65535');

export const pem = z
  .string()
  .transform((v) => v.replace(/\\n/g, '\n').trim())
  .refine(
    (v) => /^-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----$/.test(v),
    'must be a PEM private key (PKCS#1 "BEGIN RSA PRIVATE KEY" or PKCS#8 "BEGIN PRIVATE KEY")',
  );

export const secret = (min: number) => z.string().min(min, `must be at least ${min} characters`);

/**
 * One secret, or several separated by commas while it is rotated: the first signs, every one is
 * accepted (docs/deploy.md#rotate-auth_secret). Each must be long enough on its own.
 */
export const secretList = (min: number) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(secret(min)).min(1, 'must hold at least one secret'));

export const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `must be ${what}` })
    .int(`must be ${what}`)
    .positive(`must be ${what}`);
