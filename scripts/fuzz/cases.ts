import type { RawRequest } from './raw-http';

/**
 * The fuzz corpus: every route handler, every page with odd params, the sandbox APIs and
 * server-action posts, each crossed with bad methods, content types, bodies, headers and cookies.
 * Deterministic (seeded), so a failure can be replayed with the same FUZZ_SEED.
 */

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

/** Path segments a browser or an attacker might put where an id or slug goes. */
export const ODD_SEGMENTS = [
  '%',
  '%E0%A4%A',
  '%zz',
  '%00',
  '%C0%AE%C0%AE',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  'x'.repeat(3000),
  '%F0%9F%98%80',
  '%FF%FE',
  "'%20OR%201=1--",
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '-1',
  '0',
  '99999999999999999999999',
  'null',
  'undefined',
  '%5B%5D',
  'premium-monthly%00',
  'ORD-%',
  'a%2Fb',
  '%25',
  '%%%',
  '%u0041',
  'NaN',
];

const ODD_QUERIES = [
  '?returnTo=%',
  '?returnTo=https://evil.example/',
  '?returnTo=//evil.example',
  '?next=%E0%A4%A',
  '?page=-1&state=%zz',
  '?page=abc&state=NOPE',
  '?q=' + 'a'.repeat(4000),
  '?a=%&b=%%',
  '?requestId=%00&clientId=%FF&scopes=%7B',
  '?scopes=' + encodeURIComponent('{"a":'),
  '?scopes=' + encodeURIComponent('[1,2,3]'),
  '?persona=%E0%A4%A',
  '?persona=nobody',
  '?identityToken=%',
  '?identityToken[]=1&identityToken[]=2',
  '?widget=javascript:alert(1)',
  '?widget=%',
  '?' + '&'.repeat(500),
  '?x=%C0%80',
  '?step=%',
  '',
];

const PAGES = [
  '/',
  '/products/{s}',
  '/checkout/{s}',
  '/orders',
  '/orders/{s}',
  '/account',
  '/sign-in',
  '/demo',
  '/demo/tour/{s}',
  '/ops',
  '/ops/sign-in',
  '/ops/orders/{s}',
  '/ops/outbox',
  '/ops/audit',
  '/ops/health',
  '/ops/sandbox',
  '/sandbox/clock',
  '/sandbox/flexiti/widget-host',
  '/sandbox/flexiti/widget/{s}/{s}',
  '/sandbox/opentv/activate/{s}',
  '/sandbox/ultra/consent',
  '/sandbox/ultra/oms/my-orders',
  '/no-such-page/{s}',
];

const HANDLERS = [
  '/api/health',
  '/api/auth/session',
  '/api/auth/csrf',
  '/api/auth/providers',
  '/api/auth/signin',
  '/api/auth/signout',
  '/api/auth/callback/flipkart',
  '/api/auth/{s}',
  '/api/webhooks/opentv',
  '/api/ops/session',
  '/api/sign-in/flipkart',
  '/demo/start',
  '/ops/forbidden',
];

const SANDBOX_APIS = [
  '/sandbox/ultra/platform/1/dummy',
  '/sandbox/ultra/platform/1/authorization/auth',
  '/sandbox/ultra/platform/1/resource/bulk',
  '/sandbox/ultra/platform/2/resource/bulk',
  '/sandbox/ultra/platform/sandbox/grants',
  '/sandbox/ultra/platform/jwks',
  '/sandbox/ultra/oms/3/oms',
  '/sandbox/ultra/oms/sandbox/orders',
  '/sandbox/ultra/oms/sandbox/settings',
  '/sandbox/ultra/oms/sandbox/faults',
  '/sandbox/flexiti/flexiti/pos-api/v2.5/oauth/token',
  '/sandbox/flexiti/flexiti/pos-api/v2.5/client-id/{s}/merchants/login',
  '/sandbox/flexiti/flexiti/pos-api/v2.5/client-id/{s}/widget/init',
  '/sandbox/flexiti/flexiti/pos-api/v2.5/client-id/{s}/apply',
  '/sandbox/flexiti/flexiti/pos-api/v2.5.1/client-id/{s}/authorization',
  '/sandbox/flexiti/flexiti/pos-api/v2.5.1/client-id/{s}/authorizations',
  '/sandbox/flexiti/flexiti/pos-api/v2.5.1/client-id/{s}/authorization/{s}',
  '/sandbox/flexiti/flexiti/pos-api/v2.5.1/client-id/{s}/authorization/{s}/capture',
  '/sandbox/flexiti/flexiti/pos-api/v2.5.1/client-id/{s}/authorization/{s}/release',
  '/sandbox/flexiti/flexiti/pos-api/v2.5.1/client-id/{s}/authorization/{s}/capture/{s}/return',
  '/sandbox/flexiti/widget-api/{s}/outcome',
  '/sandbox/opentv/keycloak/auth/realms/nagra/protocol/openid-connect/token',
  '/sandbox/opentv/keycloak/auth/realms/nagra/protocol/openid-connect/certs',
  '/sandbox/opentv/adm/v1/accounts',
  '/sandbox/opentv/adm/v1/accounts/{s}',
  '/sandbox/opentv/crm-gateway/v2/rmg/v1/entitlements',
  '/sandbox/opentv/crm-gateway/v2/rmg/v1/entitlements/{s}',
  '/sandbox/opentv/crm-gateway/v1/rmg/v1/entitlements',
  '/sandbox/opentv/tpes/v1/operator/entitlements/{s}/activationinfo',
  '/sandbox/opentv/sandbox/entitlements/{s}/activate',
  '/sandbox/{s}',
];

const METHODS = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'TRACE',
  'TRACK',
  'CONNECT',
  'PROPFIND',
  'FOO',
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=xyz',
  'multipart/form-data; boundary=',
  'text/plain;charset=UTF-8',
  'text/xml',
  'application/octet-stream',
  '*/*',
  'garbage',
  '',
];

type Body = { name: string; make: () => Buffer };
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const BODIES: Body[] = [
  { name: 'empty', make: () => Buffer.alloc(0) },
  { name: 'truncated json', make: () => Buffer.from('{"customerId":"x","event":{"type":"ACT') },
  { name: 'json array', make: () => Buffer.from('[1,2,3]') },
  { name: 'json number', make: () => Buffer.from('42') },
  { name: 'json null', make: () => Buffer.from('null') },
  { name: 'json string', make: () => Buffer.from('"hello"') },
  {
    name: 'wrong types',
    make: () => Buffer.from('{"id":{},"status":[],"amount":"many","scopes":7,"grantToken":null}'),
  },
  { name: 'deep json', make: () => Buffer.from(deep(20000)) },
  {
    name: 'invalid utf-8',
    make: () => Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]),
  },
  { name: 'nul bytes', make: () => Buffer.from('{"a":"\u0000\u0000"}') },
  { name: 'huge', make: () => Buffer.alloc(2 * 1024 * 1024 + 17, 0x61) },
  { name: 'huge json', make: () => Buffer.from(JSON.stringify({ pad: 'x'.repeat(300_000) })) },
  { name: 'bad multipart', make: () => Buffer.from('--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue') },
  { name: 'multipart no boundary', make: () => Buffer.from('------\r\n\r\n--') },
  {
    name: 'action junk',
    make: () => Buffer.from('["$K1",{"__proto__":{"polluted":1}},"$@0","$Q",null,{"$ACTION_ID_abc":1}]'),
  },
  { name: 'form junk', make: () => Buffer.from('a=%&b=%%&%=c&name=' + 'x'.repeat(300)) },
  { name: 'form overlong', make: () => Buffer.from('$ACTION_ID_0000000000000000000000000000000000000000=&x=1') },
];

const ODD_HEADERS: [string, string][][] = [
  [],
  [['cookie', 'authjs.session-token=garbage; ops_session=eyJhbGciOiJub25lIn0.e30.']],
  [['cookie', 'ops_session=' + 'A'.repeat(3000)]],
  [['cookie', '%%%; =; ;;; a=%E0%A4%A']],
  [['cookie', 'authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..bad.bad.bad']],
  [['next-action', 'ffffffffffffffffffffffffffffffffffffffff']],
  [['next-action', '%']],
  [
    ['next-action', '0'.repeat(42)],
    ['next-router-state-tree', '%5B%22%25%22%5D'],
  ],
  [
    ['rsc', '1'],
    ['next-router-state-tree', '{{{not json'],
  ],
  [
    ['next-router-prefetch', '1'],
    ['next-url', '%'],
  ],
  [['accept-language', 'xx-%%%;q=abc, ' + 'fr'.repeat(200)]],
  [['x-forwarded-for', '%, 999.999.999.999, ::::']],
  [
    ['x-forwarded-host', 'evil.example'],
    ['x-forwarded-proto', 'gopher'],
  ],
  [['origin', 'https://evil.example']],
  [
    ['x-opentv-signature', 't=abc,v1=zz'],
    ['x-signature', '%%%'],
  ],
  [['authorization', 'Bearer %%%']],
  [['authorization', 'Basic ' + 'A'.repeat(2000)]],
  [['range', 'bytes=999999-0']],
  [['if-none-match', '"' + 'x'.repeat(1000) + '"']],
  [['accept', 'text/x-component']],
];

function fill(template: string, r: ReturnType<typeof rng>): string {
  return template.replace(/\{s\}/g, () => r.pick(ODD_SEGMENTS));
}

/** `count` requests, deterministic for a seed. Sandbox control endpoints get junk, never valid writes. */
export function buildCorpus(count: number, seed: number): RawRequest[] {
  const r = rng(seed);
  const out: RawRequest[] = [];
  const families = [PAGES, HANDLERS, SANDBOX_APIS];
  for (let i = 0; out.length < count; i++) {
    const family = families[i % families.length]!;
    const isPage = family === PAGES;
    const target = fill(r.pick(family), r) + (isPage || r.next() < 0.3 ? r.pick(ODD_QUERIES) : '');
    const method = r.next() < 0.5 ? (r.next() < 0.5 ? 'GET' : 'POST') : r.pick(METHODS);
    const headers: [string, string][] = [...r.pick(ODD_HEADERS)];
    let body: Buffer | undefined;
    let chunked = false;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && method !== 'TRACE') {
      const b = r.pick(BODIES);
      body = b.make();
      const type = r.pick(CONTENT_TYPES);
      if (type) headers.push(['content-type', type]);
      chunked = r.next() < 0.25;
      // Server actions: a page POST with a Next-Action header most of the time.
      if (isPage && r.next() < 0.6 && !headers.some(([k]) => k === 'next-action'))
        headers.push(['next-action', r.next() < 0.5 ? 'f'.repeat(42) : r.pick(ODD_SEGMENTS)]);
    }
    out.push({ method, target, headers, body, chunked });
  }
  return out;
}
