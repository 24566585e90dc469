/**
 * The request-dependent response headers (proxy.ts sets them on every response) and how a request
 * is seen from outside: over HTTPS or not, under which host. The headers that never vary
 * (X-Frame-Options, X-Content-Type-Options, Referrer-Policy, Permissions-Policy) are in next.config.js,
 * so they reach the static files too. No Node-only imports: proxy.ts is bundled on its own.
 */

type Env = Partial<Record<'NEXTAUTH_URL' | 'TRUST_PROXY' | 'NODE_ENV', string>>;
type HeaderSource = { get(name: string): string | null };

/** A year: long enough that a browser that once saw the HTTPS site never falls back to plain HTTP. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

const firstValue = (value: string | null) => value?.split(',')[0]?.trim().toLowerCase() || null;

/**
 * HTTPS when the configured public URL is https, or when TRUST_PROXY=1 and the proxy says the
 * client came over https. Without TRUST_PROXY, X-Forwarded-Proto is only the client's claim.
 */
export function requestIsHttps(headers: HeaderSource, env: Env): boolean {
  if (env.NEXTAUTH_URL?.toLowerCase().startsWith('https://')) return true;
  return env.TRUST_PROXY === '1' && firstValue(headers.get('x-forwarded-proto')) === 'https';
}

/** The host the client asked for: the proxy's X-Forwarded-Host behind TRUST_PROXY=1, else Host. */
export function requestHost(headers: HeaderSource, env: Env): string | null {
  const forwarded = env.TRUST_PROXY === '1' ? firstValue(headers.get('x-forwarded-host')) : null;
  return forwarded || headers.get('host');
}

/**
 * Scripts only from this site, inline ones only with this response's nonce (Next.js puts it on its
 * own inline scripts). Styles allow inline: React renders `style` attributes (the charts'
 * wrappers) and a nonce cannot cover an attribute; style injection cannot run code.
 */
export function contentSecurityPolicy({ nonce, dev = false }: { nonce: string; dev?: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build reconstructs server stacks with eval; the production build never does.
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function responseSecurityHeaders(args: { csp: string; https: boolean; api: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': args.csp,
    ...(args.https ? { 'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY } : {}),
    // API answers and downloads carry evaluations: no browser or shared cache keeps a copy.
    ...(args.api ? { 'Cache-Control': 'no-store' } : {}),
  };
}

/** The CSP of an API answer that is data, not a page: nothing may load, nothing may frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The headers proxy.ts gives every API answer, for the routes it leaves alone (uploads, whose bodies must stream
 * past it, and the files they serve): no-store, HSTS over HTTPS, and a CSP unless the answer brings its own.
 */
export function unproxiedApiHeaders(headers: HeaderSource, env: Env): Record<string, string> {
  return responseSecurityHeaders({ csp: API_CSP, https: requestIsHttps(headers, env), api: true });
}

/** A nonce of 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
