import Link from 'next/link';
import { SelfEvaluationTable } from '@/components/evaluation/self-evaluation-table';
import { PrintButton } from '@/components/print-button';
import { requireEvaluation } from '@/lib/auth/session';
import { shownEvaluation } from '@/lib/evaluations/frozen';
import { STATUS_LABELS } from '@/lib/roles';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '项目支出绩效自评表' };

export default async function SelfEvaluationTablePage({ params }: PageProps<'/evaluations/[id]/table'>) {
  const { bundle: live } = await requireEvaluation((await params).id);
  const id = live.evaluation.id;
  const { bundle, result } = shownEvaluation(live);

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
      {bundle.evaluation.status !== 'finalized' && (
        <p className="watermark">{STATUS_LABELS[bundle.evaluation.status]}，尚未定稿</p>
      )}
      <SelfEvaluationTable bundle={bundle} result={result} />
    </div>
  );
}
