import Link from 'next/link';
import { SelfEvaluationTable } from '@/components/evaluation/self-evaluation-table';
import { PrintButton } from '@/components/print-button';
import { ReportDocument } from '@/components/reports/report-document';
import { requireEvaluation } from '@/lib/auth/session';
import { scoreStored } from '@/lib/evaluations/sheet';
import { evaluationReport } from '@/lib/reports/report-model';
import { STATUS_LABELS } from '@/lib/roles';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '项目支出绩效自评报告' };

/** The 自评报告 as it prints: A4 portrait, the 自评表 annex on a landscape page (the browser's print to PDF). */
export default async function EvaluationReportPage({ params }: PageProps<'/evaluations/[id]/report'>) {
  const { bundle } = await requireEvaluation((await params).id);
  const id = bundle.evaluation.id;
  const { result } = scoreStored(bundle);

  return (
    <div className="print-page">
      <div className="page-head no-print">
        <p className="breadcrumb">
          <Link href={`/evaluations/${id}`}>← 返回自评</Link>（状态：{STATUS_LABELS[bundle.evaluation.status]}）
        </p>
        <div className="button-row">
          <a className="button" href={`/api/evaluations/${id}/report.docx`}>
            下载 Word
          </a>
          <PrintButton />
        </div>
      </div>
      {bundle.evaluation.status !== 'finalized' && (
        <p className="watermark no-print">{STATUS_LABELS[bundle.evaluation.status]}，尚未定稿</p>
      )}
      <ReportDocument
        report={evaluationReport(bundle, result)}
        annex={<SelfEvaluationTable bundle={bundle} result={result} />}
      />
    </div>
  );
}
