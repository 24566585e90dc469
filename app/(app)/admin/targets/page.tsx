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
      <div className="page-head">
        <div>
          <h1>导入绩效目标表</h1>
          <p className="muted">
            粘贴从公开 PDF 中复制的目标表文本，或上传 .txt / .xlsx
            文件。先预览，确认无误后再导入；取消不会改动任何数据。重复导入同一张表不会产生重复项目。
          </p>
        </div>
      </div>
      <ImportTargetsForm departments={active} />
    </>
  );
}
