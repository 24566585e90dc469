import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { SelfEvaluationTable } from '@/components/evaluation/self-evaluation-table';
import { PrintButton } from '@/components/print-button';
import { getDb } from '@/db';
import { loadEvaluationBundle } from '@/db/queries/evaluations';
import { canViewProject } from '@/lib/auth/scope';
import { requireUser } from '@/lib/auth/session';
import { scoreStored } from '@/lib/evaluations/sheet';
import { STATUS_LABELS } from '@/lib/roles';

export const metadata: Metadata = { title: '项目支出绩效自评表' };

export default async function SelfEvaluationTablePage({ params }: PageProps<'/evaluations/[id]/table'>) {
  const user = await requireUser();
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const bundle = loadEvaluationBundle(getDb(), { evaluationId: id });
  if (!bundle) notFound();
  if (!canViewProject(user, bundle.project)) forbidden();
  const { result } = scoreStored(bundle);

  return (
    <div className="print-page">
      <div className="page-head no-print">
        <p className="breadcrumb">
          <Link href={`/evaluations/${id}`}>← 返回自评</Link>（状态：{STATUS_LABELS[bundle.evaluation.status]}）
        </p>
        <div className="button-row">
          <a className="button" href={`/api/evaluations/${id}/self-evaluation.xlsx`}>
            导出 Excel
          </a>
          <PrintButton />
        </div>
      </div>
      {bundle.evaluation.status !== 'finalized' && <p className="watermark">{STATUS_LABELS[bundle.evaluation.status]}，尚未定稿</p>}
      <SelfEvaluationTable bundle={bundle} result={result} />
    </div>
  );
}
