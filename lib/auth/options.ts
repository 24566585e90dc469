import CredentialsProvider from 'next-auth/providers/credentials';
import { dataDir, getDb } from '@/db';
import { ensureAuthSecret } from './secret';
import { checkCredentials, LOCKED_OUT } from './sign-in';
import type { NextAuthOptions } from 'next-auth';

function header(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== 'object') return null;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.slice(0, 300) : null;
}

export const authOptions: NextAuthOptions = {
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
          // A client can write X-Forwarded-For itself; it means something only behind a proxy that sets it.
          ip: process.env.TRUST_PROXY === '1' ? header(req?.headers, 'x-forwarded-for') : null,
          userAgent: header(req?.headers, 'user-agent'),
        });
        if (!outcome.ok) {
          if (outcome.lockedOut) throw new Error(LOCKED_OUT);
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
  callbacks: {
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
