import { BlockList, isIP } from 'node:net';

/**
 * Who sent a request, from `X-Forwarded-For`. Every proxy appends the address it was contacted
 * from, so the list reads `what the client wrote…, client, proxy, proxy`: only the hops our own
 * proxies appended can be believed. Walking from the right past the trusted proxies, the first
 * address that is not one of them is the client; anything further left is the client's own claim.
 */

const NAMED_RANGES: Record<string, Array<[string, number, 'ipv4' | 'ipv6']>> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  private: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['100.64.0.0', 10, 'ipv4'],
    ['169.254.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
    ['fe80::', 10, 'ipv6'],
  ],
};

/** The trusted proxies when `TRUSTED_PROXIES` is unset: a reverse proxy on the same machine. */
export const DEFAULT_TRUSTED_PROXIES = 'loopback';
const MAX_HOPS = 32;

export interface ProxyTrust {
  /** TRUST_PROXY=1: the app is reachable only through proxies that append to X-Forwarded-For. */
  trustProxy: boolean;
  trusted: BlockList;
}

/** An address without brackets, port, IPv6 zone or IPv4-in-IPv6 mapping; null when it is none. */
export function normalizeAddress(raw: string): string | null {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  value = value.replace(/%[\w.-]+$/, '').toLowerCase();
  // An IPv4 client seen through a dual-stack socket is still that IPv4 client.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (mapped) value = mapped[1];
  return isIP(value) ? value : null;
}

/**
 * `TRUSTED_PROXIES`: comma- or space-separated addresses, CIDR ranges (`10.0.0.0/8`, `fd00::/8`)
 * and the names `loopback` and `private`. Throws on an entry it cannot read: a typo here must not
 * silently trust nobody or everybody.
 */
export function parseTrustedProxies(setting: string = DEFAULT_TRUSTED_PROXIES): BlockList {
  const list = new BlockList();
  for (const entry of setting.split(/[\s,]+/).filter(Boolean)) {
    const named = NAMED_RANGES[entry.toLowerCase()];
    if (named) {
      for (const [network, prefix, type] of named) list.addSubnet(network, prefix, type);
      continue;
    }
    const [address, prefixText, extra] = entry.split('/');
    const normalized = normalizeAddress(address);
    const family = normalized ? isIP(normalized) : 0;
    const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
    const valid = normalized && extra === undefined && Number.isInteger(prefix) && prefix >= 0;
    if (!valid || prefix > (family === 4 ? 32 : 128)) throw new Error(`TRUSTED_PROXIES: 无法识别 “${entry}”`);
    list.addSubnet(normalized, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The request header scripts/serve.mjs (the app's HTTP server) sets on every request to
 * `<token> <socket peer address>`, after dropping any copy the client sent. The token is the
 * JIXIAO_PEER_TOKEN scripts/start.ts made for this start: served any other way, the header is not
 * believed.
 */
export const PEER_HEADER = 'x-jixiao-peer';

/** The address of the connection's other end, when the request came through scripts/serve.mjs. */
export function peerAddress(value: string | null | undefined, token = process.env.JIXIAO_PEER_TOKEN): string | null {
  if (!token || !value) return null;
  const space = value.indexOf(' ');
  if (space < 0 || value.slice(0, space) !== token) return null;
  return normalizeAddress(value.slice(space + 1));
}

/**
 * The client address: the connection's peer, or with TRUST_PROXY=1, when that peer is a trusted
 * proxy, the rightmost untrusted X-Forwarded-For hop (a peer that is not a trusted proxy reached the
 * app around the proxies, and its header is its own claim). Null when it cannot be known: a hop that
 * is not an address means the nearest proxy passed on something it did not write. When every hop is
 * a trusted proxy the leftmost is the client.
 */
export function clientAddress(
  forwardedFor: string | readonly string[] | null | undefined,
  trust: ProxyTrust,
  peer: string | null = null,
) {
  if (!trust.trustProxy) return peer;
  if (peer && !isTrusted(trust.trusted, peer)) return peer;
  if (!forwardedFor) return peer;
  const hops = (typeof forwardedFor === 'string' ? [forwardedFor] : forwardedFor)
    .flatMap((value) => value.split(','))
    .map((hop) => hop.trim())
    .filter(Boolean)
    // The hops that count are at the right end; a client can make the left as long as it likes.
    .slice(-MAX_HOPS);
  let client: string | null = hops.length === 0 ? peer : null;
  for (let i = hops.length - 1; i >= 0; i--) {
    const address = normalizeAddress(hops[i]);
    if (!address) return null;
    client = address;
    if (!isTrusted(trust.trusted, address)) break;
  }
  return client;
}

let fromEnvironment: { key: string; trust: ProxyTrust } | null = null;

/** TRUST_PROXY and TRUSTED_PROXIES as the running app sees them (parsed once per value). */
export function proxyTrustFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): ProxyTrust {
  const key = `${env.TRUST_PROXY}|${env.TRUSTED_PROXIES}`;
  if (fromEnvironment?.key !== key) {
    const trust = {
      trustProxy: env.TRUST_PROXY === '1',
      trusted: parseTrustedProxies(env.TRUSTED_PROXIES || undefined),
    };
    fromEnvironment = { key, trust };
  }
  return fromEnvironment.trust;
}
