import 'server-only';
import { staffOnly } from '@/lib/ops/staff-request';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { sandboxSettings } from '@/lib/db/schema';
import { sandboxNow } from '@/lib/sandbox/clock';
import { omsTimestampUnit } from '@/lib/sandbox/options';
import { createRouter, json, readJson, type SandboxHandler } from '@/lib/sandbox/router';
import { registeredKeys } from './keys';
import { checkTransition, OMS_CODES, OMS_MESSAGES, parseOmsRequest, type OmsRejection } from './oms-rules';
import {
  acceptedStates,
  getFaultControls,
  getOmsSettings,
  insertEvent,
  listOmsOrders,
  OMS_FAULT_PARTNER,
  setForcedFault,
  takeForcedFault,
  takeRateToken,
  updateOmsSettings,
} from './oms-store';
import { identityTokensKnownToOms } from './options';
import { verifySecureToken, type SecureTokenFailure } from './secure-token';

/**
 * Flipkart OMS v3 sandbox (docs/partners/ultra.md#oms), mounted at `/sandbox/ultra/oms`:
 * `POST /3/oms` (and `/ultra/3/oms`, docs/partners/ultra.md#oms-endpoint), plus sandbox-only inspection and fault controls under
 * `/sandbox/...`.
 */

/** docs/partners/ultra.md#oms-errors body: `status` carries the Ultra code, not the HTTP status. */
export function omsErrorBody(code: number, message: string, additionalInfo: Record<string, unknown> = {}) {
  return {
    timestamp: new Date().toISOString().replace('Z', '+0000'),
    message,
    status: code,
    error: 'BadInputException',
    additionalInfo,
  };
}
const rejectWith = (r: OmsRejection, http = 400) => json(omsErrorBody(r.code, r.message, r.additionalInfo), http);

/**
 * secureToken failures → OMS codes (docs/partners/ultra.md#oms-errors, #secure-token-checks). 10/11/12/14 are documented; for the checks with
 * no documented code (alg, typ, signature, iat, exp, window) the sandbox answers code 10 ("Invalid
 * public key for merchant id": the token does not verify for this merchant), with the precise check
 * in `message` and `additionalInfo.check`. A missing header is treated as "not three sections".
 */
const TOKEN_CODES: Record<SecureTokenFailure, number> = {
  missing: OMS_CODES.sections,
  sections: OMS_CODES.sections,
  typ: OMS_CODES.sections,
  iss: OMS_CODES.noClientId,
  unregistered: OMS_CODES.unregisteredKey,
  alg: OMS_CODES.unregisteredKey,
  signature: OMS_CODES.unregisteredKey,
  iat_future: OMS_CODES.unregisteredKey,
  expired: OMS_CODES.unregisteredKey,
  window: OMS_CODES.unregisteredKey,
  sub: OMS_CODES.noSub,
};

const SUCCESS = { STATUS: 200, RESPONSE: 'SUCCESS' } as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function faultResponse(status: number, body: unknown): Response {
  if (body !== null && body !== undefined) return json(body, status);
  if (status === 429) return json(omsErrorBody(OMS_CODES.rateLimited, OMS_MESSAGES[31]!, { forced: true }), 429);
  return json(
    {
      timestamp: new Date().toISOString().replace('Z', '+0000'),
      status,
      error: 'Internal Server Error',
      message: 'Sandbox forced fault',
    },
    status,
  );
}

const upsert: SandboxHandler = async (req) => {
  const db = await getDb();
  const controls = await getFaultControls(db);
  if (controls.latencyMs > 0) await sleep(Math.min(controls.latencyMs, 30_000));
  const fault = await takeForcedFault(db);
  if (fault && !fault.afterAccept) return faultResponse(fault.status, fault.body);
  if (!fault && controls.errorRatePct > 0 && Math.random() * 100 < controls.errorRatePct) {
    return faultResponse(500, null);
  }

  const settings = await getOmsSettings(db);
  const now = await sandboxNow(db);
  // Real time, not the sandbox clock: the token is signed with the real time, and QA advancing the
  // sandbox clock past a return window must not make every secureToken look expired.
  const auth = await verifySecureToken(req.headers.get('securetoken'), {
    keys: registeredKeys(),
    requireSub: settings.requireSub,
    maxWindowS: settings.maxWindowS,
  });
  if (!auth.ok) {
    const code = TOKEN_CODES[auth.reason];
    return rejectWith({ code, message: auth.message, additionalInfo: { check: auth.reason } });
  }
  if (!(await takeRateToken(db, auth.iss, settings))) {
    return rejectWith(
      { code: OMS_CODES.rateLimited, message: OMS_MESSAGES[31]!, additionalInfo: { clientId: auth.iss } },
      429,
    );
  }

  // docs/partners/ultra.md#oms-timestamps: the configured unit only, and dates near the sandbox clock (or real time).
  const parsed = parseOmsRequest(await readJson(req), {
    unit: await omsTimestampUnit(db),
    clocksMs: [now.getTime(), Date.now()],
  });
  if (!parsed.ok) return rejectWith(parsed.rejection);
  const event = parsed.event;
  if (!(await identityTokensKnownToOms(db, getConfig().ultra.merchantId)).has(event.identityToken)) {
    return rejectWith({ code: OMS_CODES.unknownIdentity, message: OMS_MESSAGES[15]!, additionalInfo: {} });
  }

  const transition = checkTransition(await acceptedStates(db, auth.iss, event.orderId), event.orderState);
  if (transition) return rejectWith(transition);
  if (!(await insertEvent(db, auth.iss, event, now))) {
    // A concurrent request won the race: answer what the state machine says now (23 or 24).
    const again = checkTransition(await acceptedStates(db, auth.iss, event.orderId), event.orderState);
    return rejectWith(again ?? { code: OMS_CODES.stateExists, message: OMS_MESSAGES[23]!, additionalInfo: {} });
  }
  if (fault?.afterAccept) return faultResponse(fault.status, fault.body);
  return json(SUCCESS, 200);
};

const ordersQuery = z.object({
  identityToken: z.string().min(1).optional(),
  orderId: z.string().min(1).optional(),
});

const listOrders: SandboxHandler = async (_req, { url }) => {
  const q = ordersQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!q.success) return json({ error: 'invalid_request', message: q.error.issues[0]?.message }, 400);
  return json({ orders: await listOmsOrders(await getDb(), q.data) });
};

const settingsBody = z
  .object({
    rateCapacity: z.number().int().min(0).max(1_000_000),
    rateRefillPerMinute: z.number().int().min(0).max(1_000_000),
    requireSub: z.boolean(),
    maxWindowS: z.number().int().min(1).max(100_000),
    latencyMs: z.number().int().min(0).max(30_000),
    errorRatePct: z.number().int().min(0).max(100),
  })
  .partial()
  .strict();

async function settingsView() {
  const db = await getDb();
  return { ...(await getOmsSettings(db)), ...(await getFaultControls(db)) };
}

const putSettings: SandboxHandler = (req) =>
  staffOnly(req, 'sandbox.oms-settings', async () => {
    const response = await applySettings(req);
    return { response, detail: response.ok ? { settings: 'changed' } : undefined };
  });

async function applySettings(req: Request): Promise<Response> {
  const body = settingsBody.safeParse(await readJson(req));
  if (!body.success) {
    const issue = body.error.issues[0];
    return json({ error: 'invalid_request', message: `${issue?.path.join('.') || 'body'}: ${issue?.message}` }, 400);
  }
  const { latencyMs, errorRatePct, ...oms } = body.data;
  const db = await getDb();
  if (Object.keys(oms).length) await updateOmsSettings(db, oms);
  if (latencyMs !== undefined || errorRatePct !== undefined) {
    const set = { latencyMs, errorRate: errorRatePct, updatedAt: new Date() };
    await db
      .insert(sandboxSettings)
      .values({ partner: OMS_FAULT_PARTNER, latencyMs: latencyMs ?? 0, errorRate: errorRatePct ?? 0 })
      .onConflictDoUpdate({ target: sandboxSettings.partner, set });
  }
  return json(await settingsView());
}

const faultBody = z
  .object({
    status: z.number().int().min(400).max(599),
    body: z.unknown().optional(),
    times: z.number().int().min(1).max(1000).default(1),
    afterAccept: z.boolean().default(false),
  })
  .strict();

/** QA and tests: "the next N calls answer <status>" (e.g. 429 with code 31, or 500). */
const postFault: SandboxHandler = (req) =>
  staffOnly(req, 'sandbox.oms-fault', async () => {
    const body = faultBody.safeParse(await readJson(req));
    if (!body.success) {
      const issue = body.error.issues[0];
      const message = `${issue?.path.join('.') || 'body'}: ${issue?.message}`;
      return { response: json({ error: 'invalid_request', message }, 400) };
    }
    await setForcedFault(await getDb(), body.data);
    const { status, times, afterAccept } = body.data;
    return { response: json(await settingsView()), detail: { status, times, afterAccept } };
  });

const deleteFault: SandboxHandler = (req) =>
  staffOnly(req, 'sandbox.oms-fault-cleared', async () => {
    await setForcedFault(await getDb(), null);
    return { response: json(await settingsView()) };
  });

export const omsSandbox = createRouter([
  ['POST', '/3/oms', upsert],
  ['POST', '/ultra/3/oms', upsert],
  ['GET', '/sandbox/orders', listOrders],
  ['GET', '/sandbox/settings', async () => json(await settingsView())],
  ['PUT', '/sandbox/settings', putSettings],
  ['POST', '/sandbox/faults', postFault],
  ['DELETE', '/sandbox/faults', deleteFault],
]);
