import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TargetsEditor } from '@/components/targets/targets-editor';
import { getDb } from '@/db';
import { getProjectDetail, listYears } from '@/db/queries/projects';
import { evaluationStarted } from '@/db/queries/targets';
import { requireUser } from '@/lib/auth/session';
import { schemeOfYear } from '@/lib/evaluations/sheet';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '编辑绩效目标' };

export default async function EditTargetsPage({ params }: PageProps<'/projects/[id]/targets'>) {
  await requireUser(['admin', 'finance']);
  const id = Number((await params).id);
  const db = getDb();
  const detail = Number.isInteger(id) && id > 0 ? getProjectDetail(db, { projectId: id }) : null;
  if (!detail) notFound();
  const { project } = detail;
  const scheme = schemeOfYear(listYears(db).find((y) => y.year === project.year)?.scheme);
  const started = evaluationStarted(db, project.id);

  return (
    <>
      <p className="breadcrumb">
        <Link href={`/projects/${project.id}`}>← {project.name}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>编辑绩效目标</h1>
          <p className="muted">
            {project.name} · {project.year}{' '}
            年度。分值可全部留空（按规则平均分配），或为同一类一级指标的每项都填写且合计等于该类分值。
          </p>
        </div>
      </div>
      {started ? (
        <div className="notice" role="note">
          该项目的自评已开始（已填写或已提交），绩效目标不能再修改。
        </div>
      ) : (
        <TargetsEditor
          scheme={scheme}
          initial={{
            projectId: project.id,
            goal: project.goal,
            indicators: detail.indicators.map((i) => ({
              level1Code: i.level1Code as '1' | '2' | '3',
              level2Code: i.level2Code,
              level2Name: i.level2Name,
              name: i.name,
              periodTargetText: i.periodTargetText,
              annualTargetText: i.annualTargetText,
              points: i.points ?? '',
            })),
          }}
        />
      )}
    </>
  );
}
