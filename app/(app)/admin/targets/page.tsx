import { PageHead } from '@/components/page-pieces';
import { ImportTargetsForm } from '@/components/targets/import-targets-form';
import { getDb } from '@/db';
import { listActiveDepartments } from '@/db/queries/departments';
import { requireUser } from '@/lib/auth/session';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '导入绩效目标表' };

export default async function ImportTargetsPage() {
  await requireUser(['admin', 'finance']);
  const active = await listActiveDepartments(getDb());
  return (
    <>
      <PageHead
        title="导入绩效目标表"
        note="粘贴从公开 PDF 中复制的目标表文本或从目标表 Excel 中复制的单元格，或上传 .txt / .xlsx 文件。先预览，确认无误后再导入；取消不会改动任何数据。重复导入同一张表不会产生重复项目。"
      />
      <ImportTargetsForm departments={active} />
    </>
  );
}
