import { listEvaluationsForUser } from '@/db/queries/evaluations';
import { yearRoute } from '@/lib/auth/api';
import { formatScore } from '@/lib/format';
import { fenToWanYuan } from '@/lib/money';

export const dynamic = 'force-dynamic';

export const GET = yearRoute(async ({ db, user, year }) => {
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
});
