import { describe, expect, it } from 'vitest';
import { clientAddress, normalizeAddress, parseTrustedProxies, peerAddress, proxyTrustFromEnv } from './client-address';

const behindProxy = (setting?: string) => ({ trustProxy: true, trusted: parseTrustedProxies(setting) });

describe('clientAddress (X-Forwarded-For behind TRUST_PROXY=1)', () => {
  it('believes nothing without TRUST_PROXY', () => {
    expect(clientAddress('203.0.113.7', { trustProxy: false, trusted: parseTrustedProxies() })).toBeNull();
    expect(clientAddress(null, behindProxy())).toBeNull();
    expect(clientAddress('', behindProxy())).toBeNull();
  });

  it('takes the rightmost hop that is not a trusted proxy, not the leftmost the client wrote', () => {
    // The client wrote "1.2.3.4"; nginx on the same machine appended the address it saw.
    expect(clientAddress('1.2.3.4, 10.0.0.5', behindProxy())).toBe('10.0.0.5');
    expect(clientAddress('127.0.0.1, 10.0.0.5', behindProxy())).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', behindProxy())).toBe('10.0.0.5');
  });

  it('skips every trusted proxy of a chain, named by address, range or name', () => {
    const chain = '198.51.100.9, 10.0.0.5, 10.1.2.3, 127.0.0.1';
    expect(clientAddress(chain, behindProxy('loopback, 10.1.0.0/16'))).toBe('10.0.0.5');
    expect(clientAddress(chain, behindProxy('loopback 10.1.2.3 10.0.0.5'))).toBe('198.51.100.9');
    expect(clientAddress(chain, behindProxy('loopback,private'))).toBe('198.51.100.9');
    expect(clientAddress(chain, behindProxy())).toBe('10.1.2.3');
  });

  it('reads every X-Forwarded-For header line in order', () => {
    expect(clientAddress(['6.6.6.6', '10.0.0.5, 127.0.0.1'], behindProxy())).toBe('10.0.0.5');
  });

  it('answers the leftmost hop when every hop is a trusted proxy (a user on the server itself)', () => {
    expect(clientAddress('127.0.0.1', behindProxy())).toBe('127.0.0.1');
    expect(clientAddress('::1, 127.0.0.1', behindProxy())).toBe('::1');
  });

  it('answers null when the nearest untrusted hop is not an address', () => {
    expect(clientAddress('10.0.0.5, unknown', behindProxy())).toBeNull();
    expect(clientAddress('unknown, 127.0.0.1', behindProxy())).toBeNull();
    expect(clientAddress('<script>, 10.0.0.5', behindProxy())).toBe('10.0.0.5');
  });

  it('understands IPv6, ports, brackets, zones and IPv4-mapped addresses', () => {
    expect(clientAddress('2001:DB8::1', behindProxy())).toBe('2001:db8::1');
    expect(clientAddress('[2001:db8::1]:443, ::1', behindProxy())).toBe('2001:db8::1');
    expect(clientAddress('10.0.0.5:51234', behindProxy())).toBe('10.0.0.5');
    expect(clientAddress('::ffff:10.0.0.5, ::ffff:127.0.0.1', behindProxy())).toBe('10.0.0.5');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeAddress('10.0.0.256')).toBeNull();
  });
});

describe('TRUSTED_PROXIES', () => {
  it('refuses an entry it cannot read instead of trusting nobody or everybody', () => {
    for (const bad of ['10.0.0.0/33', 'fd00::/129', 'proxy.example', '10.0.0.0/8/1', '10.0.0.0/x', 'privat']) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/TRUSTED_PROXIES/);
    }
  });

  it('defaults to loopback only: on an intranet the clients themselves have private addresses', () => {
    const trust = proxyTrustFromEnv({ TRUST_PROXY: '1' });
    expect(trust.trustProxy).toBe(true);
    expect(clientAddress('1.2.3.4, 192.168.1.20', trust)).toBe('192.168.1.20');
    expect(proxyTrustFromEnv({}).trustProxy).toBe(false);
  });
});

describe('the connection peer (scripts/serve.mjs puts it in a header only it sets)', () => {
  const direct = { trustProxy: false, trusted: parseTrustedProxies() };

  it('is the client without TRUST_PROXY, whatever X-Forwarded-For the client wrote', () => {
    expect(clientAddress('6.6.6.6', direct, '198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddress(null, direct, '198.51.100.7')).toBe('198.51.100.7');
  });

  it('behind a trusted proxy, X-Forwarded-For is walked past it as before', () => {
    expect(clientAddress('6.6.6.6, 198.51.100.7', behindProxy(), '127.0.0.1')).toBe('198.51.100.7');
    expect(clientAddress(null, behindProxy(), '127.0.0.1')).toBe('127.0.0.1');
  });

  it('a peer that is not a trusted proxy went around the proxies: its X-Forwarded-For is its own claim', () => {
    expect(clientAddress('127.0.0.1, 198.51.100.7', behindProxy(), '203.0.113.9')).toBe('203.0.113.9');
  });

  it('is believed only with the token of this start', () => {
    expect(peerAddress('secret ::ffff:10.0.0.5', 'secret')).toBe('10.0.0.5');
    expect(peerAddress('secret 10.0.0.5', 'other')).toBeNull();
    expect(peerAddress('10.0.0.5', 'secret')).toBeNull();
    expect(peerAddress('secret 10.0.0.5', undefined)).toBeNull();
    expect(peerAddress(null, 'secret')).toBeNull();
  });
});
