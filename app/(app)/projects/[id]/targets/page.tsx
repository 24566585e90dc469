import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHead } from '@/components/page-pieces';
import { TargetsEditor } from '@/components/targets/targets-editor';
import { getDb } from '@/db';
import { getProjectDetail } from '@/db/queries/projects';
import { findYear } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { schemeOfYear } from '@/lib/evaluations/sheet';
import { evaluationStarted } from '@/lib/targets/import-table';
import { targetFormRows } from '@/lib/targets/targets-form';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '编辑绩效目标' };

export default async function EditTargetsPage({ params }: PageProps<'/projects/[id]/targets'>) {
  await requireUser(['admin', 'finance']);
  const id = Number((await params).id);
  const db = getDb();
  const detail = Number.isInteger(id) && id > 0 ? await getProjectDetail(db, { projectId: id }) : null;
  if (!detail) notFound();
  const { project } = detail;
  const scheme = schemeOfYear((await findYear(db, { year: project.year }))?.scheme);
  const started = await evaluationStarted(db, project.id);

  return (
    <>
      <PageHead
        title="编辑绩效目标"
        note={`${project.name} · ${project.year} 年度。分值可全部留空（按规则平均分配），或为同一类一级指标的每项都填写且合计等于该类分值。`}
        breadcrumb={<Link href={`/projects/${project.id}`}>← {project.name}</Link>}
      />
      {started ? (
        <div className="notice" role="note">
          该项目的自评已开始（已填写或已提交），绩效目标不能再修改。
        </div>
      ) : (
        <TargetsEditor
          scheme={scheme}
          initial={{
            projectId: project.id,
            version: project.version,
            goal: project.goal,
            indicators: targetFormRows(detail.indicators),
          }}
        />
      )}
    </>
  );
}
