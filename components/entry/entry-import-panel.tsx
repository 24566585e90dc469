'use client';

import { PreviewTable, UploadPreviewPanel, UploadProblems, useUploadPreview } from '@/components/upload-preview';
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
  const upload = useUploadPreview<EntryImportPreview>({
    preview: (file) => postOperation('/api/imports/entry/preview', { target, ...file }),
    confirm: (file) => postOperation('/api/imports/entry/confirm', { target, ...file }),
  });
  return (
    <UploadPreviewPanel
      upload={upload}
      label="离线填报（Excel）"
      className="card entry-import no-print"
      intro={
        <>
          <h2>离线填报（Excel）</h2>
          <p className="muted">
            下载填报表，在 Excel 中填写实际完成值和偏差原因后上传；系统先列出每一处修改和问题，确认后才保存。
          </p>
        </>
      }
      controls={
        <a className="button" href={downloadHref}>
          下载填报表
        </a>
      }
      file={{
        label: '上传已填写的填报表',
        accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }}
      previewTestId="entry-preview"
      canConfirm={(preview) => preview.problems === 0 && preview.changes > 0 && !blockedReason}
    >
      {(preview) => (
        <>
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
        </>
      )}
    </UploadPreviewPanel>
  );
}

function EntrySheetPreviewView({ sheet }: { sheet: EntryImportPreview['sheets'][number] }) {
  return (
    <div className="entry-sheet" data-testid="entry-sheet">
      <h3>
        {sheet.project}（工作表“{sheet.sheet}”）
      </h3>
      <UploadProblems testId="entry-problems" messages={sheet.problems.map((p) => p.message)} />
      {sheet.changes.length > 0 && (
        <PreviewTable testId="entry-changes" columns={[{ num: '行' }, '内容', '原值', '新值']} rows={sheet.changes}>
          {(c) => (
            <>
              <td className="num">{c.row ?? ''}</td>
              <td>{c.field}</td>
              <td className="prose old">{c.oldValue ?? '（空）'}</td>
              <td className="prose">{c.newValue ?? '（空）'}</td>
            </>
          )}
        </PreviewTable>
      )}
    </div>
  );
}
