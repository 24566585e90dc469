import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { dataDir, getDb } from '@/db';
import { findUserByUsername, recordSignIn } from '@/db/queries/users';
import { verifyPassword } from './password';
import { ensureAuthSecret } from './secret';

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
        const username = String(credentials?.username ?? '').trim().slice(0, 100);
        const password = String(credentials?.password ?? '').slice(0, 200);
        if (!username || !password) return null;
        const db = getDb();
        const user = findUserByUsername(db, { username });
        const ok = Boolean(user && user.active && (await verifyPassword(password, user.passwordHash)));
        recordSignIn(db, {
          userId: user?.id ?? null,
          username,
          success: ok,
          ip: header(req?.headers, 'x-forwarded-for'),
          userAgent: header(req?.headers, 'user-agent'),
        });
        if (!ok || !user) return null;
        return { id: String(user.id), name: user.displayName };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = Number(user.id);
      return token;
    },
    session({ session, token }) {
      // Role and department are deliberately not trusted from the token: the server re-reads them.
      return { ...session, uid: token.uid };
    },
  },
};
