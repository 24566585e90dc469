import { evaluationListSpec, listEvaluationPage } from '@/db/queries/evaluation-list';
import { findYear } from '@/db/queries/years';
import { yearRoute } from '@/lib/auth/api';
import { formatScore } from '@/lib/format';
import { API_PAGE_SIZES, readListQuery } from '@/lib/lists/list-params';
import { fenToWanYuan } from '@/lib/money';
import { deadlineIsNear } from '@/lib/overview/flags';

export const dynamic = 'force-dynamic';

/** `?page=&pageSize=&status=&department=&grade=&q=&sort=`: one page of the year's evaluations in the caller's scope. */
export const GET = yearRoute(async ({ db, user, year, req }) => {
  const nearDeadline = deadlineIsNear((await findYear(db, { year }))?.deadline ?? null, new Date());
  const read = readListQuery(evaluationListSpec({ nearDeadline }), new URL(req.url).searchParams, {
    sizes: API_PAGE_SIZES,
  });
  if (!read.ok) return Response.json({ error: read.message }, { status: 400 });
  const page = await listEvaluationPage(db, { scope: { user, year }, query: read.query, nearDeadline });
  return Response.json({
    items: page.items.map((r) => ({
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
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
  });
});
