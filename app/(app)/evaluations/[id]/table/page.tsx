import { SelfEvaluationTable } from '@/components/evaluation/self-evaluation-table';
import { PrintPage } from '@/components/print-page';
import { requireEvaluation } from '@/lib/auth/session';
import { scoreStored } from '@/lib/evaluations/sheet';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '项目支出绩效自评表' };

export default async function SelfEvaluationTablePage({ params }: PageProps<'/evaluations/[id]/table'>) {
  const { bundle } = await requireEvaluation((await params).id);
  const { result } = scoreStored(bundle);

  return (
    <PrintPage evaluation={bundle.evaluation} download={['self-evaluation.xlsx', '导出 Excel']}>
      <SelfEvaluationTable bundle={bundle} result={result} />
    </PrintPage>
  );
}
