import { getDb } from '@/db';
import { listEvaluationsForUser } from '@/db/queries/evaluations';
import { apiYear } from '@/lib/auth/api';
import { formatScore } from '@/lib/format';
import { fenToWanYuan } from '@/lib/money';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: RouteContext<'/api/years/[year]/evaluations'>) {
  const db = getDb();
  const found = await apiYear(db, (await ctx.params).year);
  if (found instanceof Response) return found;
  const { user, year } = found;
  const rows = await listEvaluationsForUser(db, { user, year });
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
