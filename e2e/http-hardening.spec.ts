import path from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_PASSWORD, expect, test } from './support/fixtures';
import { startTestServer } from './support/server';

/** Plain fetch, no cookie jar: every cookie a test sends is one it took from a Set-Cookie line. */
async function get(url: string, headers: Record<string, string> = {}) {
  return fetch(url, { headers, redirect: 'manual' });
}

const cookieHeader = (setCookies: string[]) => setCookies.map((line) => line.split(';')[0]).join('; ');

/** Signs in through next-auth's credentials endpoint as the login form does; returns the Set-Cookie lines. */
async function signInOverHttp(baseUrl: string, username: string, headers: Record<string, string> = {}) {
  const csrf = await get(`${baseUrl}/api/auth/csrf`, headers);
  const csrfCookies = csrf.headers.getSetCookie();
  const { csrfToken } = await csrf.json();
  const answer = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, cookie: cookieHeader(csrfCookies), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, username, password: DEMO_PASSWORD, json: 'true' }),
  });
  expect(answer.status, `sign-in of ${username}`).toBe(200);
  const sessionCookies = answer.headers.getSetCookie();
  expect(sessionCookies.some((line) => /next-auth\.session-token=/.test(line))).toBe(true);
  return { csrfCookies, sessionCookies, cookie: cookieHeader([...csrfCookies, ...sessionCookies]) };
}

/** A page, an API route, an export route and the login page, as one signed-in user sees them. */
async function fourResponses(baseUrl: string, cookie: string, headers: Record<string, string> = {}) {
  const signedIn = { ...headers, cookie };
  const [page, api, download, login] = await Promise.all([
    get(`${baseUrl}/projects`, signedIn),
    get(`${baseUrl}/api/years/2024/evaluations`, signedIn),
    get(`${baseUrl}/api/years/2024/indicators.csv`, signedIn),
    get(`${baseUrl}/login`, headers),
  ]);
  for (const [name, res] of Object.entries({ page, api, download, login })) expect(res.status, name).toBe(200);
  return { page, api, download, login };
}

function expectEverywhereHeaders(res: Response, name: string) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, name).toMatch(/(^|; )script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'(;|$)/);
  expect(csp, name).toContain("default-src 'self'");
  expect(csp, name).toContain("frame-ancestors 'none'");
  expect(csp, name).toContain("object-src 'none'");
  expect(csp, name).not.toContain('unsafe-eval');
  expect(res.headers.get('permissions-policy'), name).toContain('camera=()');
  expect(res.headers.get('referrer-policy'), name).toBe('same-origin');
  expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
  expect(res.headers.get('x-frame-options'), name).toBe('DENY');
}

function expectNoStoreOnApi(responses: Record<string, Response>) {
  expect(responses.api.headers.get('cache-control')).toMatch(/\bno-store\b/);
  expect(responses.download.headers.get('cache-control')).toMatch(/\bno-store\b/);
}

test.describe('HTTP headers and cookies', () => {
  test('over plain HTTP: CSP with a fresh nonce, the other headers, no-store on API and exports; no HSTS', async ({
    server,
  }) => {
    // A client claiming HTTPS without TRUST_PROXY is not believed.
    for (const headers of [{}, { 'X-Forwarded-Proto': 'https' }] as Array<Record<string, string>>) {
      const { csrfCookies, sessionCookies, cookie } = await signInOverHttp(server.url, 'finance', headers);
      for (const line of [...csrfCookies, ...sessionCookies]) {
        expect(line).not.toMatch(/;\s*secure/i);
        expect(line).not.toMatch(/^__(Secure|Host)-/);
      }
      const responses = await fourResponses(server.url, cookie, headers);
      for (const [name, res] of Object.entries(responses)) {
        expectEverywhereHeaders(res, name);
        expect(res.headers.get('strict-transport-security'), name).toBeNull();
      }
      expectNoStoreOnApi(responses);
      const nonces = Object.values(responses).map((r) => r.headers.get('content-security-policy'));
      expect(new Set(nonces).size).toBe(nonces.length);
    }
    const health = await get(`${server.url}/api/health`);
    expect(health.headers.get('cache-control')).toMatch(/\bno-store\b/);
  });

  test('behind a TLS proxy (TRUST_PROXY=1, X-Forwarded-Proto: https): HSTS, Secure cookies, the real client address', async () => {
    const server = await startTestServer({ TRUST_PROXY: '1' });
    try {
      // What nginx sends: the client wrote 6.6.6.6 itself, nginx appended the address it saw.
      const proxied = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '6.6.6.6, 10.20.30.40' };
      const { csrfCookies, sessionCookies, cookie } = await signInOverHttp(server.url, 'finance', proxied);
      expect(csrfCookies.find((l) => l.startsWith('__Host-next-auth.csrf-token='))).toMatch(/;\s*secure/i);
      expect(sessionCookies.find((l) => l.startsWith('__Secure-next-auth.session-token='))).toMatch(/;\s*secure/i);
      const responses = await fourResponses(server.url, cookie, proxied);
      for (const [name, res] of Object.entries(responses)) {
        expectEverywhereHeaders(res, name);
        expect(res.headers.get('strict-transport-security'), name).toBe('max-age=31536000');
      }
      expectNoStoreOnApi(responses);

      const db = new Database(path.join(server.dataDir, 'jixiao.sqlite'));
      try {
        const last = db.prepare('select ip from sign_ins order by id desc limit 1').get() as { ip: string };
        expect(last.ip).toBe('10.20.30.40');
      } finally {
        db.close();
      }

      // The same server reached over plain HTTP through the proxy: neither HSTS nor Secure cookies.
      const plain = await signInOverHttp(server.url, 'finance', { 'X-Forwarded-Proto': 'http' });
      for (const line of [...plain.csrfCookies, ...plain.sessionCookies]) expect(line).not.toMatch(/;\s*secure/i);
      const login = await get(`${server.url}/login`, { 'X-Forwarded-Proto': 'http' });
      expect(login.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await server.stop();
    }
  });

  test('an https NEXTAUTH_URL alone means HTTPS: Secure cookies and HSTS', async () => {
    const server = await startTestServer({ NEXTAUTH_URL: 'https://jixiao.example.gov.cn' });
    try {
      const csrf = await get(`${server.url}/api/auth/csrf`);
      expect(csrf.headers.getSetCookie().find((l) => l.startsWith('__Host-next-auth.csrf-token='))).toMatch(
        /;\s*secure/i,
      );
      const login = await get(`${server.url}/login`);
      expect(login.headers.get('strict-transport-security')).toBe('max-age=31536000');
      expectEverywhereHeaders(login, 'login');
    } finally {
      await server.stop();
    }
  });
});
