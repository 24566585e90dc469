import { count } from 'drizzle-orm';
import { getDb } from '@/db';
import { projects } from '@/db/schema';

export const dynamic = 'force-dynamic';

export function GET() {
  const row = getDb().select({ projects: count() }).from(projects).get();
  return Response.json({ ok: true, projects: row?.projects ?? 0 });
}
