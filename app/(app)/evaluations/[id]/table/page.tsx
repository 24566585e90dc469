import { SelfEvaluationTable } from '@/components/evaluation/self-evaluation-table';
import { PrintPage } from '@/components/print-page';
import { requireEvaluation } from '@/lib/auth/session';
import { shownEvaluation } from '@/lib/evaluations/frozen';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '项目支出绩效自评表' };

export default async function SelfEvaluationTablePage({ params }: PageProps<'/evaluations/[id]/table'>) {
  // A finalised evaluation's table is the one frozen at 定稿.
  const { bundle, result } = shownEvaluation(await requireEvaluation((await params).id).then((found) => found.bundle));

  return (
    <PrintPage evaluation={bundle.evaluation} download={['self-evaluation.xlsx', '导出 Excel']}>
      <SelfEvaluationTable bundle={bundle} result={result} />
    </PrintPage>
  );
}
