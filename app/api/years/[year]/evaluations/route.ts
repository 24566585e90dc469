import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { listEvaluationsForUser } from '@/db/queries/evaluations';
import { evaluationYears } from '@/db/schema';
import { getCurrentUser } from '@/lib/auth/session';
import { formatScore } from '@/lib/format';
import { fenToWanYuan } from '@/lib/money';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: RouteContext<'/api/years/[year]/evaluations'>) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: '未登录' }, { status: 401 });
  const year = Number((await ctx.params).year);
  const db = getDb();
  if (!Number.isInteger(year) || !db.select().from(evaluationYears).where(eq(evaluationYears.year, year)).get()) {
    return Response.json({ error: '没有该年度' }, { status: 404 });
  }
  const rows = listEvaluationsForUser(db, { user, year });
  return Response.json({
    year,
    evaluations: rows.map((r) => ({
      id: r.id,
      projectId: r.projectId,
      project: r.project,
      department: r.department,
      owner: r.owner,
      budget: fenToWanYuan(r.budgetTotalFen).toFixed(2),
      status: r.status,
      selfScore: r.selfScore === null ? null : formatScore(r.selfScore),
      finalScore: r.status === 'finalized' && r.finalScore !== null ? formatScore(r.finalScore) : null,
      grade: r.status === 'finalized' ? r.finalGrade : r.selfGrade,
    })),
  });
}
