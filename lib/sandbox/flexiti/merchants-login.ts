import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { getConfig } from '@/lib/config';
import { json, readForm, type SandboxContext } from '@/lib/sandbox/router';
import { flexitiError, wrongInputs } from './errors';
import { authenticate } from './tokens';
import { PROVINCES } from './validation';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * `POST v2.5/client-id/{clientId}/merchants/login` — DEPRECATED (docs/partners/flexiti.md#merchants-login). Implemented
 * for completeness with the documented response shape; the storefront never calls it. The sandbox
 * merchant user is the client id with the client secret as password (simulator-defined).
 */
export async function merchantsLogin(req: Request, ctx: SandboxContext): Promise<Response> {
  const auth = await authenticate(req, ctx, { customerAllowed: true });
  if (!auth.ok) return auth.response;
  console.warn('flexiti sandbox: POST merchants/login is deprecated (docs/partners/flexiti.md#merchants-login)');
  const body = (await readForm(req)) ?? {};
  const username = body.merchant_username;
  const password = body.merchant_password;
  const missing = (['merchant_username', 'merchant_password'] as const).filter((k) => !body[k]);
  if (missing.length)
    return wrongInputs(
      ctx.url,
      missing.map((param) => ({ param, msg: 'is required' })),
    );
  const { flexiti } = getConfig();
  if (!same(username!, flexiti.clientId) || !same(password!, flexiti.clientSecret)) {
    return flexitiError(ctx.url, 409, 'authentication_failure', 'Wrong merchant username or password');
  }
  const fr = ctx.url.searchParams.get('lang') === 'fr';
  return json(
    {
      merchant_name: 'StreamPlus Sandbox Merchant',
      merchant_id: '1000001',
      form_values: {
        salutation: { options: { mr: fr ? 'M.' : 'Mr', ms: 'Ms', mrs: fr ? 'Mme' : 'Mrs', mss: fr ? 'Mlle' : 'Miss' } },
        province: { options: Object.fromEntries(PROVINCES.map((p) => [p, p])) },
        security_qid: {
          options: {
            '4': "What is your mother's maiden name?",
            '5': 'What was the name of your first pet?',
            '6': 'In what city were you born?',
            '7': 'What was the make of your first car?',
            '8': 'What is the name of your favourite teacher?',
            '9': 'What street did you grow up on?',
          },
        },
        govid_type: {
          options: {
            CADL: "Driver's licence",
            CAHC: 'Health card',
            CAPID: 'Provincial ID',
            CAP: 'Canadian passport',
            CAPRC: 'Permanent resident card',
            CAICBC: 'Indian status card',
          },
        },
      },
    },
    200,
    { deprecation: 'true' },
  );
}
