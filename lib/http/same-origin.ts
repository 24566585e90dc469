/**
 * The one Origin check of every mutation outside server actions (the write API, uploads, removals, imports): a
 * browser names the page's origin on such a request (Origin, Sec-Fetch-Site), and a page of another site must not
 * act with this site's session cookie. Clients that are not browsers send neither and are let through: the session
 * still decides who they are.
 */
import { requestHost } from './security-headers';

type Env = Partial<Record<'NEXTAUTH_URL' | 'TRUST_PROXY', string>>;
type HeaderSource = { get(name: string): string | null };

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

export const CROSS_ORIGIN_MESSAGE = '请求来源不是本系统的页面，已拒绝';

/**
 * True unless a browser says the request comes from another site (Sec-Fetch-Site: cross-site) or from another
 * origin (or from an opaque one, `null`) than NEXTAUTH_URL's, else than the request's host.
 */
export function isSameOrigin(headers: HeaderSource, env: Env): boolean {
  if (headers.get('sec-fetch-site') === 'cross-site') return false;
  const origin = headers.get('origin');
  if (origin === null) return true;
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false;
  }
  if (env.NEXTAUTH_URL) return from.origin === new URL(env.NEXTAUTH_URL).origin;
  // The scheme is left out: behind a TLS proxy without TRUST_PROXY the app cannot know it, and the host is the point.
  const host = requestHost(headers, env)?.toLowerCase();
  if (!host) return false;
  return host === from.host || host === `${from.hostname}:${DEFAULT_PORTS[from.protocol]}`;
}
