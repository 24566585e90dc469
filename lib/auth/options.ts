import { headers as requestHeaders } from 'next/headers';
import CredentialsProvider from 'next-auth/providers/credentials';
import { dataDir, getDb, transaction } from '@/db';
import { endSessionsOf, findUserById } from '@/db/queries/users';
import { clientAddress, PEER_HEADER, peerAddress, proxyTrustFromEnv } from '@/lib/http/client-address';
import { requestIsHttps } from '@/lib/http/security-headers';
import { safeReturnPath } from './safe-redirect';
import { ensureAuthSecret } from './secret';
import { checkCredentials } from './sign-in';
import { throttledError } from './sign-in-codes';
import type { NextAuthOptions } from 'next-auth';

function header(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== 'object') return null;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

const authOptions: NextAuthOptions = {
  secret: ensureAuthSecret(dataDir()),
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  pages: { signIn: '/login' },
  providers: [
    CredentialsProvider({
      name: '账号密码',
      credentials: {
        username: { label: '用户名', type: 'text' },
        password: { label: '密码', type: 'password' },
      },
      async authorize(credentials, req) {
        const username = String(credentials?.username ?? '')
          .trim()
          .slice(0, 100);
        const password = String(credentials?.password ?? '').slice(0, 200);
        if (!username || !password) return null;
        const outcome = await checkCredentials(getDb(), {
          username,
          password,
          ip: clientAddress(
            header(req?.headers, 'x-forwarded-for'),
            proxyTrustFromEnv(),
            peerAddress(header(req?.headers, PEER_HEADER)),
          ),
          userAgent: header(req?.headers, 'user-agent')?.slice(0, 300) ?? null,
        });
        if (!outcome.ok) {
          if (outcome.retryAfterSeconds !== undefined) throw new Error(throttledError(outcome.retryAfterSeconds));
          return null;
        }
        return {
          id: String(outcome.user.id),
          name: outcome.user.displayName,
          sessionVersion: outcome.user.sessionVersion,
        };
      },
    }),
  ],
  events: {
    /**
     * Signing out ends the session for the server too, not only the cookie in this browser: a copy of
     * the token (and every other session of the user) stops working. A token already ended changes nothing.
     */
    async signOut({ token }) {
      const userId = token?.uid;
      if (typeof userId !== 'number') return;
      const user = await findUserById(getDb(), { id: userId });
      if (user && user.sessionVersion === token.sv) await transaction(getDb(), (tx) => endSessionsOf(tx, { userId }));
    },
  },
  callbacks: {
    // Only this site's own paths, on the origin of the request being answered (see proxy.ts).
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeReturnPath(url.startsWith(`${baseUrl}/`) ? url.slice(baseUrl.length) : url, '/')}`;
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      // Role and department are deliberately not trusted from the token: the server re-reads them.
      return { ...session, uid: token.uid, sv: token.sv };
    },
  },
};

/**
 * next-auth's options for the request being served: Secure cookies (with next-auth's __Secure- and
 * __Host- names) exactly when the request came over HTTPS, so sign-in and every later read agree.
 */
export async function requestAuthOptions(): Promise<NextAuthOptions> {
  return { ...authOptions, useSecureCookies: requestIsHttps(await requestHeaders(), process.env) };
}
