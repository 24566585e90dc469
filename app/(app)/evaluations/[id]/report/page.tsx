import { SelfEvaluationTable } from '@/components/evaluation/self-evaluation-table';
import { PrintPage } from '@/components/print-page';
import { ReportDocument } from '@/components/reports/report-document';
import { requireEvaluation } from '@/lib/auth/session';
import { reportOfBundle } from '@/lib/reports/load-reports';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '项目支出绩效自评报告' };

/** The 自评报告 as it prints: A4 portrait, the 自评表 annex on a landscape page (the browser's print to PDF). */
export default async function EvaluationReportPage({ params }: PageProps<'/evaluations/[id]/report'>) {
  // A finalised evaluation's report and its annexed 自评表 are the ones frozen at 定稿.
  const { bundle, result, report } = reportOfBundle((await requireEvaluation((await params).id)).bundle);

  return (
    <PrintPage evaluation={bundle.evaluation} download={['report.docx', '下载 Word']}>
      <ReportDocument report={report} annex={<SelfEvaluationTable bundle={bundle} result={result} />} />
    </PrintPage>
  );
}
