import { dataDir, getDb } from '@/db';
import { getCurrentUser } from '@/lib/auth/session';
import { checkHealth } from '@/lib/health/health';

export const dynamic = 'force-dynamic';

/** For monitors: 200 when the database answers and the disk has room, else 503; details for administrators only. */
export async function GET() {
  const user = await getCurrentUser().catch(() => null);
  const health = await checkHealth(getDb(), { dataDir: dataDir(), detailed: user?.role === 'admin' });
  return Response.json(health, { status: health.ok ? 200 : 503 });
}
