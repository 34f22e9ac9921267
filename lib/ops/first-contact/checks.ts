import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppConfig } from '@/lib/config';
import { FlexitiClient } from '@/lib/partners/flexiti';
import {
  newCorrelationId,
  partnerFetch,
  PartnerHttpError,
  type Partner,
  type PartnerResponse,
} from '@/lib/partners/http';
import { OpenTvClient, OpenTvTenantError, settingsFromConfig } from '@/lib/partners/opentv';
import { createSecureTokenSigner, detectAnswerStyle } from '@/lib/partners/ultra';
import { describeError } from '@/lib/ops/health';
import { clockFinding, tlsFinding, type Finding, type FindingPartner } from './report';

/**
 * First contact with each partner (docs/deploy.md#first-contact): harmless calls only, nothing is
 * ever created at a partner. Every call goes through partnerFetch or a partner's door, so it is
 * redacted in the call log like any other. Run with the real settings before opening the store.
 */

type Ctx = { config: AppConfig; correlationId: string };
type Probe = { res: PartnerResponse; ourMs: number } | { error: string };

const TIMEOUT_MS = 10_000;

/** One request, never retried: what it answered (with our clock at its middle) or why it did not. */
async function probe(
  partner: Partner,
  operation: string,
  req: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; json?: unknown },
  ctx: Ctx,
): Promise<Probe> {
  const started = Date.now();
  try {
    const res = await partnerFetch({
      partner,
      operation,
      ...req,
      retry: 'none',
      timeoutMs: TIMEOUT_MS,
      correlationId: ctx.correlationId,
    });
    return { res, ourMs: started + res.latencyMs / 2 };
  } catch (e) {
    return {
      error: e instanceof PartnerHttpError ? `${e.kind}: ${e.message.replace(/^\S+ \S+: /, '')}` : describeError(e),
    };
  }
}

/** reachable + TLS + clock of one probe; `null` when it got no answer (the caller stops there). */
function transportFindings(partner: FindingPartner, url: string, p: Probe): Finding[] {
  if ('error' in p) {
    const tls = tlsFinding(partner, url, p.error);
    return [tls ?? { level: 'FAIL', partner, what: 'reachable', detail: `${new URL(url).host}: ${p.error}` }];
  }
  return [
    {
      level: 'ok',
      partner,
      what: 'reachable',
      detail: `${new URL(url).host} answered HTTP ${p.res.status} in ${p.res.latencyMs} ms`,
    },
    tlsFinding(partner, url, null)!,
    clockFinding(partner, p.res.headers.get('date'), p.ourMs, p.res.latencyMs),
  ];
}

const omsError = z.object({ status: z.number(), message: z.string() });

const said = (body: unknown) =>
  (typeof body === 'string' ? body : body == null ? '(empty body)' : JSON.stringify(body)).slice(0, 160);

type Signer = { get(): Promise<string> };
/** docs/partners/ultra.md#secure-token-every-call: every Ultra and OMS call carries the header. */
const signed = async (signer: Signer) => ({ secureToken: await signer.get() });

/** Ultra platform: `GET /1/dummy` with our secureToken (docs/partners/ultra.md#dummy). */
async function ultra(ctx: Ctx, signer: Signer): Promise<Finding[]> {
  const url = `${ctx.config.ultra.platformUrl}/1/dummy`;
  const p = await probe('ultra', 'firstContact.dummy', { method: 'GET', url, headers: await signed(signer) }, ctx);
  const found = transportFindings('ultra', url, p);
  if ('error' in p) return found;
  // docs/partners/ultra.md#answer-styles: bare (the platform page) or the STATUS/RESPONSE envelope (its samples).
  const env =
    detectAnswerStyle(p.res.body) === 'envelope' ? (p.res.body as { STATUS: unknown; RESPONSE: unknown }) : null;
  const status = env && typeof env.STATUS === 'number' && p.res.ok ? env.STATUS : p.res.status;
  found.push(
    status === 200
      ? {
          level: 'ok',
          partner: 'ultra',
          what: 'credentials',
          detail: `GET /1/dummy accepted our secureToken (iss ${ctx.config.ultra.clientId})`,
        }
      : {
          level: 'FAIL',
          partner: 'ultra',
          what: 'credentials',
          detail: `GET /1/dummy answered ${status}: ${said(env ? env.RESPONSE : p.res.body)} (check ULTRA_CLIENT_ID and the public key registered for ULTRA_PRIVATE_KEY)`,
        },
  );
  if (status === 200)
    found.push({
      level: 'ok',
      partner: 'ultra',
      what: 'answer style',
      detail: env
        ? 'envelope {"STATUS":200,"RESPONSE":…} (as the code samples write)'
        : 'bare (as the platform page writes); the client reads both',
    });
  return found;
}

/**
 * OMS: what the host answers at the path we post to (docs/partners/ultra.md#oms-endpoint). A POST with an
 * empty body and our secureToken: no order can come of it, and a host that has our endpoint
 * refuses it with a 4xx naming the body, while a wrong path is a 404 (or 405).
 */
async function oms(ctx: Ctx, signer: Signer): Promise<Finding[]> {
  const url = `${ctx.config.ultra.omsUrl}/3/oms`;
  const p = await probe('oms', 'firstContact.emptyEvent', { method: 'POST', url, headers: await signed(signer) }, ctx);
  const found = transportFindings('oms', url, p);
  if ('error' in p) return found;
  const { status, body } = p.res;
  const path = new URL(url).pathname;
  // docs/partners/ultra.md#oms-errors: the body's `status` is Flipkart's code; 10-14 are the secureToken's.
  const err = omsError.safeParse(body);
  const reason = err.success ? `code ${err.data.status}: ${err.data.message}` : said(body);
  const tokenRefused =
    status === 401 || status === 403 || (err.success && err.data.status >= 10 && err.data.status <= 14);
  const what = 'path';
  if (status === 404 || status === 405)
    found.push({
      level: 'FAIL',
      partner: 'oms',
      what,
      detail: `POST ${path} answered ${status}: no OMS endpoint here; check ULTRA_OMS_URL (${reason})`,
    });
  else if (tokenRefused)
    found.push({
      level: 'FAIL',
      partner: 'oms',
      what: 'credentials',
      detail: `POST ${path} refused our secureToken (${status}, ${reason})`,
    });
  else if (status >= 400 && status < 500)
    found.push({
      level: 'ok',
      partner: 'oms',
      what,
      detail: `POST ${path} with an empty body was refused as it must be (${status}, ${reason})`,
    });
  else if (status >= 200 && status < 300)
    found.push({
      level: 'warn',
      partner: 'oms',
      what,
      detail: `POST ${path} accepted an empty body (${status}: ${reason}): ask Flipkart what it recorded`,
    });
  else found.push({ level: 'warn', partner: 'oms', what, detail: `POST ${path} answered ${status}: ${reason}` });
  return found;
}

/** Flexiti: reachability at `{base}/flexiti/pos-api`, then a merchant and a customer token (docs/partners/flexiti.md#token-request). */
async function flexiti(ctx: Ctx): Promise<Finding[]> {
  const { baseUrl, clientId, clientSecret } = ctx.config.flexiti;
  const url = `${baseUrl}/flexiti/pos-api/v2.5/oauth/token`;
  // A GET of the token URL: answers (405 or 404) without issuing anything.
  const found = transportFindings(
    'flexiti',
    url,
    await probe('flexiti', 'firstContact.reach', { method: 'GET', url }, ctx),
  );
  if (found.some((f) => f.level === 'FAIL' && f.what !== 'clock')) return found;
  const client = new FlexitiClient({ baseUrl, clientId, clientSecret, timeoutMs: TIMEOUT_MS });
  for (const [scope, get] of [
    ['merchant', () => client.merchantToken()],
    ['customer', () => client.freshCustomerToken()],
  ] as const) {
    try {
      await get();
      found.push({ level: 'ok', partner: 'flexiti', what: `${scope} token`, detail: `issued for client ${clientId}` });
    } catch (e) {
      found.push({
        level: 'FAIL',
        partner: 'flexiti',
        what: `${scope} token`,
        detail: `refused: ${describeError(e)} (check FLEXITI_CLIENT_ID / FLEXITI_CLIENT_SECRET)`,
      });
    }
  }
  return found;
}

/**
 * Keycloak then OpenTV: an operator token, then what the tenant answers (docs/partners/opentv.md#operator-headers):
 * a read of an entitlement id that cannot exist. A tenant OpenTV knows answers an empty list; an
 * unknown tenant answers 404 ("the specified tenant does not exist").
 */
async function openTv(ctx: Ctx): Promise<Finding[]> {
  const o = ctx.config.opentv;
  const found = transportFindings(
    'keycloak',
    o.tokenUrl,
    await probe('keycloak', 'firstContact.reach', { method: 'GET', url: o.tokenUrl }, ctx),
  );
  const otvUrl = `${o.baseUrl}/crm-gateway/v1/rmg/v1/entitlements`;
  found.push(
    ...transportFindings(
      'opentv',
      otvUrl,
      await probe('opentv', 'firstContact.reach', { method: 'GET', url: otvUrl }, ctx),
    ),
  );
  const client = new OpenTvClient(settingsFromConfig(o));
  try {
    await client.checkCredentials({ correlationId: ctx.correlationId });
    found.push({
      level: 'ok',
      partner: 'keycloak',
      what: 'credentials',
      detail: `operator token issued (${o.grant} grant, client ${o.clientId})`,
    });
  } catch (e) {
    found.push({
      level: 'FAIL',
      partner: 'keycloak',
      what: 'credentials',
      detail: `refused: ${describeError(e)} (check OPENTV_CLIENT_ID and the ${o.grant === 'password' ? 'OPENTV_USERNAME / OPENTV_PASSWORD' : 'OPENTV_CLIENT_SECRET'})`,
    });
    return found;
  }
  const probeId = `first-contact-${randomUUID()}`;
  try {
    const e = await client.getEntitlement(probeId, { correlationId: ctx.correlationId });
    found.push(
      e === null
        ? {
            level: 'ok',
            partner: 'opentv',
            what: 'tenant',
            detail: `tenant ${o.tenantId} answers: a read of an unknown entitlement is an empty list`,
          }
        : {
            level: 'warn',
            partner: 'opentv',
            what: 'tenant',
            detail: `tenant ${o.tenantId} returned an entitlement for a made-up id ${probeId}`,
          },
    );
  } catch (e) {
    const status = (e as { status?: number }).status;
    found.push({
      level: 'FAIL',
      partner: 'opentv',
      what: 'tenant',
      // OpenTvTenantError already says "check OPENTV_TENANT_ID" with what the tenant read answered.
      detail:
        e instanceof OpenTvTenantError
          ? `tenant ${o.tenantId} is unknown to OpenTV: ${e.message}`
          : status === 404
            ? `tenant ${o.tenantId} is unknown to OpenTV (404 on a read; ${describeError(e)}): check OPENTV_TENANT_ID`
            : `a read as tenant ${o.tenantId} failed: ${describeError(e)}`,
    });
  }
  return found;
}

/** Every partner, one after the other (an operator reads them in order); never throws. */
export async function runFirstContact(config: AppConfig): Promise<Finding[]> {
  const ctx: Ctx = { config, correlationId: newCorrelationId() };
  const signer = createSecureTokenSigner({ clientId: config.ultra.clientId, privateKeyPem: config.ultra.privateKey });
  return [...(await ultra(ctx, signer)), ...(await oms(ctx, signer)), ...(await flexiti(ctx)), ...(await openTv(ctx))];
}
