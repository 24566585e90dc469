'use client';

import { useState } from 'react';
import { confirmExecutionImportAction, previewExecutionImportAction } from '@/app/(app)/admin/treasury/actions';
import { Options } from '@/components/options';
import { PreviewTable, UploadPreviewPanel, UploadProblems, useUploadPreview } from '@/components/upload-preview';
import { callAction } from '@/lib/action-state';
import { formatWanYuan } from '@/lib/money';
import { STATUS_LABELS } from '@/lib/roles';
import type { ExecutionPreview, MatchedOutcome } from '@/lib/treasury/operations';

const OUTCOME_TEXT = (o: MatchedOutcome) =>
  o.kind === 'apply' ? '将导入' : o.kind === 'unchanged' ? '已导入过该数，不变' : `不导入：${o.reason}`;

const money = (fen: number | null) => (fen === null ? '（空）' : formatWanYuan(fen));

/**
 * Finance's upload of 全年执行数 from the treasury payment system: choose the year and the file, see
 * which rows match a project (and what applying would do), which match none and which are ambiguous,
 * and every row that cannot be read; then apply (only what was previewed) or cancel (nothing changes).
 */
export function ExecutionImportPanel({ years }: { years: number[] }) {
  const [year, setYear] = useState(years[0]);
  const upload = useUploadPreview<ExecutionPreview>({
    preview: (file) => callAction(previewExecutionImportAction, { year, ...file }),
    confirm: (file) => callAction(confirmExecutionImportAction, { year, ...file }),
  });
  return (
    <UploadPreviewPanel
      upload={upload}
      label="导入国库执行数"
      controls={
        <label className="field inline-field">
          <span>年度</span>
          <select
            value={year}
            onChange={(e) => (setYear(Number(e.target.value)), upload.reset())}
            disabled={upload.busy !== null}
          >
            <Options items={years} />
          </select>
        </label>
      }
      file={{
        label: '上传执行数文件（.csv / .xlsx）',
        accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }}
      previewTestId="treasury-preview"
      canConfirm={(preview) => preview.problems.length === 0 && preview.toApply > 0}
      confirmLabel={(preview) => `确认导入 ${preview.toApply} 项`}
    >
      {(preview) => (
        <>
          <p>
            匹配 {preview.matched.length} 行（其中将导入 {preview.toApply} 项），未匹配 {preview.unmatched.length}{' '}
            行，无法确定 {preview.ambiguous.length} 行，有问题 {preview.problems.length} 行。
            {preview.problems.length > 0 && '请改正下列问题后重新上传，本次不会导入任何执行数。'}
          </p>
          <UploadProblems testId="treasury-problems" messages={preview.problems.map((p) => p.message)} />
          <RowGroup title="已匹配" testId="treasury-matched" rows={preview.matched}>
            {(m) => (
              <>
                <td>{m.department}</td>
                <td>{m.project}</td>
                <td>{STATUS_LABELS[m.status]}</td>
                <td className="num">{money(m.executedFen)}</td>
                <td className="num">{money(m.amountFen)}</td>
                <td>{OUTCOME_TEXT(m.outcome)}</td>
              </>
            )}
          </RowGroup>
          <RowGroup title="未匹配（不导入）" testId="treasury-unmatched" rows={preview.unmatched}>
            {(u) => <UnplacedCells row={u} />}
          </RowGroup>
          <RowGroup title="无法确定（不导入）" testId="treasury-ambiguous" rows={preview.ambiguous}>
            {(a) => <UnplacedCells row={a} />}
          </RowGroup>
        </>
      )}
    </UploadPreviewPanel>
  );
}

type Unplaced = ExecutionPreview['unmatched'][number];

function UnplacedCells({ row }: { row: Unplaced }) {
  return (
    <>
      <td>{row.department}</td>
      <td>{[row.code && `编码 ${row.code}`, row.name].filter(Boolean).join(' ')}</td>
      <td colSpan={2} />
      <td className="num">{money(row.amountFen)}</td>
      <td>{row.message}</td>
    </>
  );
}

function RowGroup<R extends { row: number }>({
  title,
  testId,
  rows,
  children,
}: {
  title: string;
  testId: string;
  rows: R[];
  children: (row: R) => React.ReactNode;
}) {
  if (rows.length === 0) return null;
  return (
    <>
      <h3>
        {title}（{rows.length}）
      </h3>
      <PreviewTable
        testId={testId}
        columns={[
          { num: '行' },
          '部门',
          '项目',
          '状态',
          { num: '现有执行数（万元）' },
          { num: '文件中的执行数（万元）' },
          '结果',
        ]}
        rows={rows}
      >
        {(r) => (
          <>
            <td className="num">{r.row}</td>
            {children(r)}
          </>
        )}
      </PreviewTable>
    </>
  );
}
