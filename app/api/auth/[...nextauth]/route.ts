import NextAuth from 'next-auth';
import { requestAuthOptions } from '@/lib/auth/options';
import type { NextRequest } from 'next/server';

async function handler(request: NextRequest, context: RouteContext<'/api/auth/[...nextauth]'>) {
  return NextAuth(request, context, await requestAuthOptions());
}

export { handler as GET, handler as POST };
