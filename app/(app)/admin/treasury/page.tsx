import { PageHead } from '@/components/page-pieces';
import { ExecutionImportPanel } from '@/components/treasury/execution-import-panel';
import { getDb } from '@/db';
import { listYears } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { rolesFor } from '@/lib/workflow/state-machine';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '导入国库执行数' };

export default async function TreasuryImportPage() {
  await requireUser(rolesFor('import_execution'));
  const years = (await listYears(getDb())).map((y) => y.year);
  return (
    <>
      <PageHead
        title="导入国库执行数"
        note="上传从国库支付系统导出的 .csv 或 .xlsx：每行一个项目，列为“部门”“项目编码”或“项目名称”“全年执行数（万元）”。先预览匹配结果，确认后只写入草稿和已退回的自评；项目负责人会看到预填的执行数及“由财政局导入”的标注。"
      />
      {years.length === 0 ? (
        <div className="empty-state">尚未导入任何年度的绩效目标表。</div>
      ) : (
        <ExecutionImportPanel years={years} />
      )}
    </>
  );
}
