'use client';

import { useState } from 'react';
import { confirmExecutionImportAction, previewExecutionImportAction } from '@/app/(app)/admin/treasury/actions';
import { FieldMessage, FormBanner } from '@/components/form-feedback';
import { useUploadPreview } from '@/components/upload-preview';
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
  const { banner, fieldErrors, input, busy, preview, reset, onFile, onConfirm, onCancel } =
    useUploadPreview<ExecutionPreview>({
      preview: (file) => callAction(previewExecutionImportAction, { year, ...file }),
      confirm: (file) => callAction(confirmExecutionImportAction, { year, ...file }),
    });

  const canConfirm = preview !== null && preview.problems.length === 0 && preview.toApply > 0;
  return (
    <section className="card entry-import" aria-label="导入国库执行数">
      <div className="button-row">
        <label className="field inline-field">
          <span>年度</span>
          <select value={year} onChange={(e) => (setYear(Number(e.target.value)), reset())} disabled={busy !== null}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline-field">
          <span>上传执行数文件（.csv / .xlsx）</span>
          <input
            ref={input}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={busy !== null}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </label>
        {busy === 'preview' && <span className="muted">正在读取…</span>}
      </div>
      <FieldMessage message={fieldErrors.content} />
      <FormBanner banner={banner} />
      {preview && (
        <div className="entry-preview" data-testid="treasury-preview">
          <p>
            匹配 {preview.matched.length} 行（其中将导入 {preview.toApply} 项），未匹配 {preview.unmatched.length}{' '}
            行，无法确定 {preview.ambiguous.length} 行，有问题 {preview.problems.length} 行。
            {preview.problems.length > 0 && '请改正下列问题后重新上传，本次不会导入任何执行数。'}
          </p>
          {preview.problems.length > 0 && (
            <ul className="form-error" data-testid="treasury-problems">
              {preview.problems.map((p) => (
                <li key={p.row}>{p.message}</li>
              ))}
            </ul>
          )}
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
          <div className="button-row">
            <button
              type="button"
              className="button primary"
              disabled={!canConfirm || busy !== null}
              onClick={() => void onConfirm()}
            >
              {busy === 'confirm' ? '正在导入…' : `确认导入 ${preview.toApply} 项`}
            </button>
            <button type="button" className="button" disabled={busy !== null} onClick={onCancel}>
              取消
            </button>
          </div>
        </div>
      )}
    </section>
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
      <table className="data-table compact" data-testid={testId}>
        <thead>
          <tr>
            <th className="num">行</th>
            <th>部门</th>
            <th>项目</th>
            <th>状态</th>
            <th className="num">现有执行数（万元）</th>
            <th className="num">文件中的执行数（万元）</th>
            <th>结果</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.row}>
              <td className="num">{r.row}</td>
              {children(r)}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
