import { getDb } from '@/db';
import { countProjects } from '@/db/queries/projects';

export const dynamic = 'force-dynamic';

export async function GET() {
  return Response.json({ ok: true, projects: await countProjects(getDb()) });
}
