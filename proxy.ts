import { NextResponse, type NextRequest } from 'next/server';
import { RETURN_PATH_HEADER } from '@/lib/auth/safe-redirect';
import {
  contentSecurityPolicy,
  newNonce,
  requestHost,
  requestIsHttps,
  responseSecurityHeaders,
} from '@/lib/http/security-headers';

/**
 * Runs before every route: a fresh CSP nonce (Next.js reads it from the request's CSP header and
 * puts it on its inline scripts), the security headers, and X-Forwarded-Proto/-Host rewritten to
 * what can be believed, so next-auth builds its URLs and picks its cookie names from the request's
 * own origin and not from a header a client wrote.
 */
export function proxy(request: NextRequest) {
  const env = process.env;
  const https = requestIsHttps(request.headers, env);
  const csp = contentSecurityPolicy({ nonce: newNonce(), dev: env.NODE_ENV === 'development' });

  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  headers.set('x-forwarded-proto', https ? 'https' : 'http');
  const host = requestHost(request.headers, env);
  if (host) headers.set('x-forwarded-host', host);
  else headers.delete('x-forwarded-host');
  const returnTo = new URL(request.nextUrl);
  returnTo.searchParams.delete('_rsc');
  headers.set(RETURN_PATH_HEADER, `${returnTo.pathname}${returnTo.search}`);

  const response = NextResponse.next({ request: { headers } });
  const api = request.nextUrl.pathname.startsWith('/api/');
  for (const [name, value] of Object.entries(responseSecurityHeaders({ csp, https, api }))) {
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  // Everything but the build's static files, which carry next.config.js's fixed headers, the evidence routes and the
  // imports: Next.js copies every request body that passes a proxy into memory and cuts it off at 10 MB, while an
  // upload must stream into the store whole and an import's body is read with its own 16 MB limit. Those routes set
  // the API's headers themselves (unproxiedRoute, lib/auth/api.ts).
  matcher: [
    '/((?!_next/static|_next/image|favicon.ico|api/attachments/|api/evaluations/[^/]+/attachments|api/imports/).*)',
  ],
};
