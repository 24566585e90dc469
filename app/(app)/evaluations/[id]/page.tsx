import Link from 'next/link';
import { cache } from 'react';
import { remindAction } from '@/app/(app)/notifications/actions';
import { AuditTable } from '@/components/audit-table';
import { CarriedBannerProvider } from '@/components/carried-banner';
import { DeadlineBadge } from '@/components/deadline-badge';
import { DecisionPanel, type Decision } from '@/components/evaluation/decision-panel';
import { EvaluationForm } from '@/components/evaluation/evaluation-form';
import { EvaluationTabs } from '@/components/evaluation/evaluation-tabs';
import { EvaluationView } from '@/components/evaluation/evaluation-view';
import { QueueNav } from '@/components/evaluation/queue-nav';
import { ReportLinks } from '@/components/evaluation/report-editor';
import { ReviewWorkbench } from '@/components/evaluation/review-workbench';
import { ScorePanel } from '@/components/evaluation/score-panel';
import { Timeline } from '@/components/evaluation/timeline';
import { EvidenceSection } from '@/components/evidence/evidence-cell';
import { EvidenceProvider } from '@/components/evidence/evidence-provider';
import { ActionButton } from '@/components/notifications/action-button';
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
import { shownEvaluation, shownProject, shownSteps } from '@/lib/evaluations/frozen';
import { schemeOfYear, sheetOf, storedBudget, storedEntries } from '@/lib/evaluations/sheet';
import { evidenceRows, findRow } from '@/lib/evidence/rows';
import { evidenceConfig } from '@/lib/evidence/view';
import { formatDateTime } from '@/lib/format';
import { queueKeys } from '@/lib/lists/evaluation-lists';
import { readListQuery } from '@/lib/lists/list-params';
import { listView } from '@/lib/lists/list-view';
import { evaluationReport } from '@/lib/reports/report-model';
import { queueNeighbours } from '@/lib/workflow/queues';
import {
  allowedActions,
  closedYearMessage,
  heldByClosedYear,
  pastOwner,
  queueStatuses,
} from '@/lib/workflow/state-machine';
import type { Metadata } from 'next';

/** One read per request for the title and the page. */
const evaluationOfRequest = cache(requireEvaluation);

/** `安全生产基础工作专项经费 · 绩效自评` (the root layout's title template adds the app's name). */
export async function generateMetadata({ params }: PageProps<'/evaluations/[id]'>): Promise<Metadata> {
  const { bundle } = await evaluationOfRequest((await params).id);
  return { title: shownProject(bundle).name };
}

/** The decisions of each panel, in button order; a panel shows those the user may take now. */
const PANELS: Array<{ title: string; decisions: Decision[]; collapsed?: boolean }> = [
  { title: '审核意见', decisions: ['approve', 'return', 'finalize'] },
  { title: '撤回提交', decisions: ['withdraw'] },
  { title: '撤销定稿或退回重新评价', decisions: ['reopen', 'reassess'], collapsed: true },
];

const AUDIT_LIST = 'audit';

export default async function EvaluationPage({ params, searchParams }: PageProps<'/evaluations/[id]'>) {
  const { user, bundle: live } = await evaluationOfRequest((await params).id);
  const search = await searchParams;
  const db = getDb();
  const id = live.evaluation.id;
  const now = new Date();

  // A finalised evaluation shows what it was at 定稿; the workflow decides on what it is now.
  const { bundle, result } = shownEvaluation(live);
  const { evaluation: e, project } = bundle;
  const scheme = schemeOfYear(bundle.year.scheme);
  const report = evaluationReport(bundle, result);
  const scope = workflowScope(live);
  const actions = allowedActions(user, scope);
  const timeline = shownSteps(live, await listReviewActions(db, { evaluationId: id }));
  const lastReturn = [...timeline].reverse().find((t) => t.toStatus === 'returned');
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

  // 上一条 / 下一条: the to-do list this page was opened from, with its filters and order (`?queue=…`).
  const queueParam = typeof search.queue === 'string' ? search.queue : undefined;
  const statuses = queueStatuses(user.role);
  const neighbours =
    statuses.length > 0 && (queueParam !== undefined || statuses.includes(e.status))
      ? queueNeighbours(
          await queueKeys(db, {
            scope: { user, year: project.year, statuses },
            params: new URLSearchParams(queueParam ?? ''),
            deadline: bundle.year.deadline,
            keep: id,
          }),
          id,
        )
      : null;
  const panels = PANELS.map((p) => ({ ...p, decisions: p.decisions.filter((d) => actions.includes(d)) }));
  const reportView = (
    <section className="card report-view" aria-label="自评报告" data-testid="report-view">
      <ReportLinks evaluationId={id} />
      <ReportSections sections={report.sections} />
    </section>
  );

  return (
    <>
      <PageHead
        title={project.name}
        note={
          <>
            {bundle.departmentName} · 项目负责人：{bundle.ownerName ?? '未指定'} · 状态：
            <StatusTag status={e.status} testId="evaluation-status" />
            {bundle.year.deadline && !pastOwner(e.status) && (
              <>
                {' '}
                · <DeadlineBadge deadline={bundle.year.deadline} now={now} withDate />
              </>
            )}
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
          {actions.includes('remind') && project.ownerId !== null && (
            <ActionButton action={remindAction} input={{ evaluationId: id }} label="催办" />
          )}
          <Link className="button" href={`/evaluations/${id}/table`}>
            自评表（打印 / 导出）
          </Link>
          <Link className="button" href={`/evaluations/${id}/report`}>
            自评报告
          </Link>
        </div>
      </PageHead>
      {neighbours && <QueueNav neighbours={neighbours} queue={queueParam ?? ''} />}

      {e.status === 'returned' && lastReturn && (
        <div className="notice" role="note" data-testid="return-notice">
          <strong>
            已被{lastReturn.actor}于 {formatDateTime(lastReturn.createdAt)} 退回：
          </strong>
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
          // Keyed by version: after an import from Excel the form starts again from what was saved (and the
          // import's message is carried over the remount).
          <CarriedBannerProvider>
            <EvaluationForm
              key={e.version}
              sheet={sheetOf(bundle)}
              scheme={scheme}
              goal={project.goal}
              initial={draftFormValues(bundle)}
              imported={
                e.executedImportedFen === null ? null : { fen: e.executedImportedFen, at: e.executedImportedAt }
              }
              report={report.sections}
            />
          </CarriedBannerProvider>
        ) : actions.includes('review') ? (
          <ReviewWorkbench
            sheet={sheetOf(bundle)}
            scheme={scheme}
            stored={{ entries: storedEntries(bundle), budget: storedBudget(bundle) }}
            initial={reviewFormValues(bundle)}
            decisions={panels[0].decisions}
          >
            <EvaluationTabs labels={['指标填报', '自评报告']}>
              <EvaluationView bundle={bundle} result={result} reviewing />
              {reportView}
            </EvaluationTabs>
          </ReviewWorkbench>
        ) : (
          <EvaluationTabs labels={['指标填报', '自评报告']}>
            <div className="form-layout">
              <div className="form-main">
                <EvaluationView bundle={bundle} result={result} />
              </div>
              <ScorePanel result={result} title={e.status === 'finalized' ? '最终得分' : '当前得分'} />
            </div>
            {reportView}
          </EvaluationTabs>
        )}

        {!actions.includes('review') &&
          panels
            .filter((p) => p.decisions.length > 0)
            .map((p) => (
              <DecisionPanel
                key={p.title}
                title={p.title}
                collapsed={p.collapsed}
                evaluationId={e.id}
                version={e.version}
                decisions={p.decisions}
              />
            ))}
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
