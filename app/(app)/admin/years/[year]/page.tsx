import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHead } from '@/components/page-pieces';
import { YearSettingsForm } from '@/components/years/year-settings-form';
import { getDb } from '@/db';
import { countSubmitted, listYears } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { schemeOfYear } from '@/lib/evaluations/sheet';
import { schemeToForm } from '@/lib/years/scheme-form';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '年度设置' };

export default async function YearSettingsPage({ params }: PageProps<'/admin/years/[year]'>) {
  await requireUser(['finance', 'admin']);
  const db = getDb();
  const requested = (await params).year;
  const year = (await listYears(db)).find((y) => String(y.year) === requested);
  if (!year) notFound();
  const submitted = await countSubmitted(db, { year: year.year });
  return (
    <>
      <PageHead
        title={`${year.year} 年度设置`}
        note={
          submitted > 0
            ? `已有 ${submitted} 个自评提交，评分方案已锁定；状态和截止日期仍可修改。`
            : '尚无自评提交，可以调整评分方案。保存前可先预览各项目得分的变化。'
        }
        breadcrumb={<Link href="/admin/years">← 年度与评分方案</Link>}
      />
      <YearSettingsForm
        locked={submitted > 0}
        initial={{
          year: year.year,
          version: year.version,
          status: year.status,
          deadline: year.deadline ?? '',
          scheme: schemeToForm(schemeOfYear(year.scheme)),
        }}
      />
    </>
  );
}
