import { BlockList, isIP } from 'node:net';

/**
 * Which client address the per-address limits key on (docs/deploy.md#client-addresses).
 * `X-Forwarded-For` holds whatever the client wrote, then one entry per proxy that appends; only
 * the entries our own proxies wrote can be believed. Next itself fills the header from the socket
 * only when it is absent, so with no proxy in front a client chooses its own entry.
 */
export type ProxyTrust =
  /**
   * This many proxies in front, each appending: the client is the hops-th entry from the right.
   * 0 (no proxy): the last entry, which Next writes from the socket unless the client sent one.
   */
  | { kind: 'hops'; hops: number }
  /** Proxies at these addresses or ranges: the client is the rightmost entry outside them. */
  | { kind: 'ranges'; ranges: string[] };

const MAX_HOPS = 10;

/** An address written by a proxy, without a port (`1.2.3.4:5678`, `[2001:db8::1]:443`), or null. */
export function bareAddress(value: string): string | null {
  let v = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(v)) v = v.slice(0, v.lastIndexOf(':'));
  if (v.toLowerCase().startsWith('::ffff:') && isIP(v.slice(7)) === 4) v = v.slice(7);
  return isIP(v) ? v.toLowerCase() : null;
}

/** `TRUSTED_PROXIES`: a hop count (0–10), or addresses and CIDR ranges separated by commas. */
export function parseProxyTrust(value: string): ProxyTrust | { error: string } {
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= MAX_HOPS
      ? { kind: 'hops', hops }
      : { error: `must be a number of proxy hops from 0 to ${MAX_HOPS}, or addresses/CIDR ranges` };
  }
  const ranges = v.split(',').map((s) => s.trim());
  for (const r of ranges) {
    const [address, bits, ...rest] = r.split('/');
    const family = isIP(address ?? '');
    const max = family === 6 ? 128 : 32;
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
    if (!family || !okBits || rest.length)
      return {
        error: `"${r}" is neither a hop count (0–${MAX_HOPS}) nor an IP address or CIDR range (10.0.0.0/8, 2001:db8::/32)`,
      };
  }
  return { kind: 'ranges', ranges };
}

const blockLists = new WeakMap<ProxyTrust, BlockList>();
function blockListOf(trust: Extract<ProxyTrust, { kind: 'ranges' }>): BlockList {
  let list = blockLists.get(trust);
  if (!list) {
    list = new BlockList();
    for (const r of trust.ranges) {
      const [address, bits] = r.split('/') as [string, string | undefined];
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(bits), type);
    }
    blockLists.set(trust, list);
  }
  return list;
}

/** The client's address as our own proxies saw it, or `unknown` (one shared bucket) when it cannot be told. */
export function addressFrom(headers: Headers, trust: ProxyTrust): string {
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (trust.kind === 'hops') {
    const fromRight = Math.max(1, trust.hops);
    const entry = hops.length >= fromRight ? hops[hops.length - fromRight] : undefined;
    return (entry && bareAddress(entry)) ?? 'unknown';
  }
  const trusted = blockListOf(trust);
  for (let i = hops.length - 1; i >= 0; i--) {
    const address = bareAddress(hops[i]!);
    if (!address) return 'unknown';
    if (!trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4')) return address;
  }
  return 'unknown';
}
