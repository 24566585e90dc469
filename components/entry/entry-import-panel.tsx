'use client';

import { FieldMessage, FormBanner } from '@/components/form-feedback';
import { useUploadPreview } from '@/components/upload-preview';
import { postOperation } from '@/lib/action-state';
import type { EntryImportPreview } from '@/lib/entry/import-operations';

type Target = { kind: 'evaluation'; evaluationId: number } | { kind: 'year'; year: number };

/**
 * Offline entry through Excel: download the entry workbook, upload it filled in, see every change
 * (row, old → new) and every problem per row, then confirm (saved through the save operation) or
 * cancel (nothing changes).
 */
export function EntryImportPanel({
  target,
  downloadHref,
  blockedReason = null,
}: {
  target: Target;
  downloadHref: string;
  /** Why an upload cannot be applied now (unsaved changes on the form); the download still works. */
  blockedReason?: string | null;
}) {
  const { banner, fieldErrors, input, busy, preview, onFile, onConfirm, onCancel } =
    useUploadPreview<EntryImportPreview>({
      preview: (file) => postOperation('/api/imports/entry/preview', { target, ...file }),
      confirm: (file) => postOperation('/api/imports/entry/confirm', { target, ...file }),
    });

  const canConfirm = preview !== null && preview.problems === 0 && preview.changes > 0 && !blockedReason;
  return (
    <section className="card entry-import no-print" aria-label="离线填报（Excel）">
      <h2>离线填报（Excel）</h2>
      <p className="muted">
        下载填报表，在 Excel 中填写实际完成值和偏差原因后上传；系统先列出每一处修改和问题，确认后才保存。
      </p>
      <div className="button-row">
        <a className="button" href={downloadHref}>
          下载填报表
        </a>
        <label className="field inline-field">
          <span>上传已填写的填报表</span>
          <input
            ref={input}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={busy !== null}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </label>
        {busy === 'preview' && <span className="muted">正在读取…</span>}
      </div>
      <FieldMessage message={fieldErrors.content} />
      <FormBanner banner={banner} />
      {preview && (
        <div className="entry-preview" data-testid="entry-preview">
          <p>
            共 {preview.changes} 处修改，{preview.problems} 处问题。
            {preview.problems > 0 && '请改正下列问题后重新上传，本次不会导入任何内容。'}
            {preview.problems === 0 && preview.changes === 0 && '填报表与已保存的内容一致。'}
          </p>
          {preview.notes.map((note) => (
            <p key={note} className="muted">
              {note}
            </p>
          ))}
          {preview.sheets.map((sheet, i) => (
            <EntrySheetPreviewView key={i} sheet={sheet} />
          ))}
          {blockedReason && <p className="form-error">{blockedReason}</p>}
          <div className="button-row">
            <button
              type="button"
              className="button primary"
              disabled={!canConfirm || busy !== null}
              onClick={() => void onConfirm()}
            >
              {busy === 'confirm' ? '正在导入…' : '确认导入'}
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

function EntrySheetPreviewView({ sheet }: { sheet: EntryImportPreview['sheets'][number] }) {
  return (
    <div className="entry-sheet" data-testid="entry-sheet">
      <h3>
        {sheet.project}（工作表“{sheet.sheet}”）
      </h3>
      {sheet.problems.length > 0 && (
        <ul className="form-error" data-testid="entry-problems">
          {sheet.problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
      {sheet.changes.length > 0 && (
        <table className="data-table compact" data-testid="entry-changes">
          <thead>
            <tr>
              <th className="num">行</th>
              <th>内容</th>
              <th>原值</th>
              <th>新值</th>
            </tr>
          </thead>
          <tbody>
            {sheet.changes.map((c, i) => (
              <tr key={i}>
                <td className="num">{c.row ?? ''}</td>
                <td>{c.field}</td>
                <td className="prose old">{c.oldValue ?? '（空）'}</td>
                <td className="prose">{c.newValue ?? '（空）'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
