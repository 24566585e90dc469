import { getDb } from '@/db';
import { countUnread, listNotifications } from '@/db/queries/notifications';
import { apiUser } from '@/lib/auth/api';

export const dynamic = 'force-dynamic';

/** The caller's inbox (docs/api.md), newest first. */
export async function GET() {
  const user = await apiUser();
  if (user instanceof Response) return user;
  const db = getDb();
  const rows = await listNotifications(db, { userId: user.id });
  return Response.json({
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      evaluationId: n.evaluationId,
      message: n.message,
      createdAt: n.createdAt.toISOString(),
      read: n.readAt !== null,
    })),
    unread: await countUnread(db, { userId: user.id }),
  });
}
