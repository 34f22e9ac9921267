import { describe, expect, it } from 'vitest';
import { addressFrom, bareAddress, parseProxyTrust, type ProxyTrust } from './client-address';

const xff = (value: string) => new Headers({ 'x-forwarded-for': value });
const trust = (v: string) => parseProxyTrust(v) as ProxyTrust;

describe('client address behind trusted proxies', () => {
  it('one appending proxy: the last entry, whatever the client wrote before it', () => {
    expect(addressFrom(xff('6.6.6.6, 203.0.113.7'), trust('1'))).toBe('203.0.113.7');
    expect(addressFrom(xff('203.0.113.7'), trust('1'))).toBe('203.0.113.7');
  });

  it('a CDN then a load balancer (2 hops): the entry the CDN appended, not the CDN itself', () => {
    expect(addressFrom(xff('6.6.6.6, 203.0.113.7, 198.51.100.1'), trust('2'))).toBe('203.0.113.7');
    // Fewer entries than proxies: the request did not come through them; one shared bucket.
    expect(addressFrom(xff('198.51.100.1'), trust('2'))).toBe('unknown');
  });

  it('trusted ranges: the rightmost entry outside them', () => {
    const t = trust('10.0.0.0/8, 2001:db8::/32, 192.0.2.10');
    expect(addressFrom(xff('6.6.6.6, 203.0.113.7, 10.1.2.3, 192.0.2.10'), t)).toBe('203.0.113.7');
    expect(addressFrom(xff('2001:db8::5'), t)).toBe('unknown');
    expect(addressFrom(xff('2a00:1450::1, 2001:db8::5'), t)).toBe('2a00:1450::1');
  });

  it('strips ports, so every connection from one client is one key', () => {
    expect(addressFrom(xff('203.0.113.7:51234'), trust('1'))).toBe('203.0.113.7');
    expect(addressFrom(xff('[2001:db8::1]:443'), trust('1'))).toBe('2001:db8::1');
    expect(bareAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('refuses garbage as a key', () => {
    for (const v of ['%', '999.999.999.999', '::::', 'unknown', 'evil.example', '1.2.3.4:99999999', ''])
      expect(addressFrom(xff(v), trust('1')), v).toBe('unknown');
    expect(addressFrom(new Headers(), trust('1'))).toBe('unknown');
  });

  it('refuses a setting that is neither a hop count nor addresses and ranges', () => {
    expect(parseProxyTrust('1')).toEqual({ kind: 'hops', hops: 1 });
    expect(parseProxyTrust('0')).toEqual({ kind: 'hops', hops: 0 });
    expect(parseProxyTrust('10.0.0.0/8,::1')).toEqual({ kind: 'ranges', ranges: ['10.0.0.0/8', '::1'] });
    for (const bad of ['11', 'yes', '10.0.0.0/33', '10.0.0.0/8/1', 'fd00::/129', '10.0.0.0/8,,'])
      expect(parseProxyTrust(bad), bad).toHaveProperty('error');
  });
});
