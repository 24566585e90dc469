import Link from 'next/link';
import { AuditTable } from '@/components/audit-table';
import { DecisionPanel } from '@/components/evaluation/decision-panel';
import { EvaluationForm } from '@/components/evaluation/evaluation-form';
import { EvaluationTabs } from '@/components/evaluation/evaluation-tabs';
import { EvaluationView } from '@/components/evaluation/evaluation-view';
import { ReportLinks } from '@/components/evaluation/report-editor';
import { ReviewForm } from '@/components/evaluation/review-form';
import { ScorePanel } from '@/components/evaluation/score-panel';
import { Timeline } from '@/components/evaluation/timeline';
import { EvidenceSection } from '@/components/evidence/evidence-cell';
import { EvidenceProvider } from '@/components/evidence/evidence-provider';
import { PageHead } from '@/components/page-pieces';
import { ReportSections } from '@/components/reports/report-document';
import { StatusTag } from '@/components/status-tag';
import { getDb } from '@/db';
import { currentEvidenceFlags } from '@/db/queries/attachments';
import { AUDIT_LIST_SPEC, listEvaluationAudit } from '@/db/queries/audit';
import { listReviewActions } from '@/db/queries/evaluations';
import { requireEvaluation } from '@/lib/auth/session';
import { workflowScope } from '@/lib/evaluations/authorize';
import { draftFormValues, reviewFormValues } from '@/lib/evaluations/form-values';
import { shownEvaluation, shownSteps } from '@/lib/evaluations/frozen';
import { schemeOfYear, sheetOf } from '@/lib/evaluations/sheet';
import { evidenceRows, findRow } from '@/lib/evidence/rows';
import { evidenceConfig } from '@/lib/evidence/view';
import { readListQuery } from '@/lib/lists/list-params';
import { listView } from '@/lib/lists/list-view';
import { evaluationReport } from '@/lib/reports/report-model';
import { allowedActions, closedYearMessage, heldByClosedYear } from '@/lib/workflow/state-machine';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '绩效自评' };

const AUDIT_LIST = 'audit';

export default async function EvaluationPage({ params, searchParams }: PageProps<'/evaluations/[id]'>) {
  const { user, bundle: live } = await requireEvaluation((await params).id);
  const search = await searchParams;
  const db = getDb();
  const id = live.evaluation.id;

  // A finalised evaluation shows what it was at 定稿; the workflow decides on what it is now.
  const { bundle, result } = shownEvaluation(live);
  const { evaluation: e, project } = bundle;
  const scheme = schemeOfYear(bundle.year.scheme);
  const report = evaluationReport(bundle, result);
  const scope = workflowScope(live);
  const actions = allowedActions(user, scope);
  const timeline = shownSteps(live, await listReviewActions(db, { evaluationId: id }));
  const lastReturn = [...timeline].reverse().find((t) => t.action === 'return');
  const flags = await currentEvidenceFlags(db, { evaluationId: id });
  const flaggedLabels = flags.map((flag) => findRow(evidenceRows(bundle.indicators), flag)?.label).filter(Boolean);
  // Owners see their own history in the timeline; the field-by-field 修改记录 is for those who check.
  const auditQuery = readListQuery(AUDIT_LIST_SPEC, search, { prefix: AUDIT_LIST }).query;
  const audit = user.role === 'owner' ? null : await listEvaluationAudit(db, { evaluationId: id, query: auditQuery });
  const auditList =
    audit &&
    listView({
      path: `/evaluations/${id}`,
      params: search,
      spec: AUDIT_LIST_SPEC,
      query: auditQuery,
      total: audit.total,
      prefix: AUDIT_LIST,
    });
  // Explicit 分值 that do not add up block the evaluation until the targets are fixed (rule book § Points).
  const pointsProblems = result.errors.filter(
    (err) => err.path === 'points' || /\.(points|level1Code)$/.test(err.path),
  );

  return (
    <>
      <PageHead
        title={project.name}
        note={
          <>
            {bundle.departmentName} · 项目负责人：{bundle.ownerName ?? '未指定'} · 状态：
            <StatusTag status={e.status} testId="evaluation-status" />
            {bundle.year.deadline && e.status === 'draft' && <> · 截止日期：{bundle.year.deadline}</>}
          </>
        }
        breadcrumb={
          <>
            <Link href={`/projects?year=${project.year}`}>{project.year} 年度项目</Link> /{' '}
            <Link href={`/projects/${project.id}`}>{project.name}</Link> / 绩效自评
          </>
        }
      >
        <div className="no-print button-row">
          <Link className="button" href={`/evaluations/${id}/table`}>
            自评表（打印 / 导出）
          </Link>
          <Link className="button" href={`/evaluations/${id}/report`}>
            自评报告
          </Link>
        </div>
      </PageHead>

      {e.status === 'draft' && lastReturn && (
        <div className="notice" role="note" data-testid="return-notice">
          <strong>已被{lastReturn.actor}退回：</strong>
          {lastReturn.comment}
          {flaggedLabels.length > 0 && (
            <p className="prose" data-testid="missing-evidence-notice">
              请补充佐证材料：{flaggedLabels.join('、')}
            </p>
          )}
        </div>
      )}
      {e.status === 'finalized' && <div className="notice ok">该自评已定稿，所有内容只读。</div>}
      {heldByClosedYear(scope) && <div className="notice">{closedYearMessage(project.year)}。</div>}

      {pointsProblems.length > 0 && (
        <div className="notice" role="alert">
          该项目的指标分值设置有误，暂不能评价：{pointsProblems.map((p) => p.message).join('；')}
          。请联系财政局或系统管理员修改绩效目标。
        </div>
      )}
      <EvidenceProvider config={evidenceConfig(bundle, actions, flags)}>
        {actions.includes('save') && pointsProblems.length === 0 ? (
          // Keyed by version: after an import from Excel the form starts again from what was saved.
          <EvaluationForm
            key={e.version}
            sheet={sheetOf(bundle)}
            scheme={scheme}
            goal={project.goal}
            initial={draftFormValues(bundle)}
            report={report.sections}
          />
        ) : (
          <EvaluationTabs labels={['指标填报', '自评报告']}>
            <div className="form-layout">
              <div className="form-main">
                <EvaluationView bundle={bundle} result={result} />
              </div>
              <ScorePanel result={result} title={e.status === 'finalized' ? '最终得分' : '当前得分'} />
            </div>
            <section className="card report-view" aria-label="自评报告" data-testid="report-view">
              <ReportLinks evaluationId={id} />
              <ReportSections sections={report.sections} />
            </section>
          </EvaluationTabs>
        )}

        {actions.includes('review') && (
          <ReviewForm
            precision={result.precision}
            lines={bundle.indicators.map((ind, i) => ({
              indicatorId: ind.id,
              name: ind.name,
              points: result.indicators[i].points,
              selfScore: result.indicators[i].selfScore,
            }))}
            budget={{ points: result.budget.points, selfScore: result.budget.computedScore }}
            initial={reviewFormValues(bundle)}
          />
        )}
        {(actions.includes('approve') || actions.includes('return') || actions.includes('finalize')) && (
          <DecisionPanel
            evaluationId={e.id}
            version={e.version}
            decisions={(['approve', 'return', 'finalize'] as const).filter((a) => actions.includes(a))}
          />
        )}
        <section className="card" data-testid="evaluation-evidence">
          <EvidenceSection rowKey="evaluation" title="整体佐证材料（不属于某一行的材料）" />
          <p className="no-print">
            <a href={`/api/evaluations/${id}/bundle.zip`}>下载自评表和全部佐证材料（zip）</a>
          </p>
        </section>
      </EvidenceProvider>

      <Timeline entries={timeline} />
      {audit && auditList && <AuditTable collapsed entries={audit.items} list={auditList} />}
    </>
  );
}
