'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { useCarriedBanner } from '@/components/carried-banner';
import { FieldMessage, FormBanner, useServerFeedback } from '@/components/form-feedback';
import type { ActionState } from '@/lib/action-state';
import { fileToBase64 } from '@/lib/file-base64';

export interface ChosenFile {
  fileName: string;
  content: string;
}

/**
 * An upload that is previewed before it is applied (the entry workbook, the treasury figures): the
 * file is read and sent for a preview; confirming sends it again with the preview's digest, so only
 * what was shown is applied; cancelling changes nothing. UploadPreviewPanel draws it; the panels draw
 * only their own preview.
 */
export function useUploadPreview<P extends { digest: string }>({
  preview: previewOf,
  confirm,
}: {
  preview: (file: ChosenFile) => Promise<ActionState<P>>;
  confirm: (file: ChosenFile & { digest: string }) => Promise<ActionState<unknown>>;
}) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<null | 'preview' | 'confirm'>(null);
  const [upload, setUpload] = useState<ChosenFile | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const carried = useCarriedBanner();
  const feedback = useServerFeedback(undefined, carried.banner);
  const { show, clear, setBanner } = feedback;

  const reset = () => {
    setPreview(null);
    setUpload(null);
    if (input.current) input.current.value = '';
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy('preview');
    clear();
    carried.carry(null);
    setPreview(null);
    try {
      const chosen = { fileName: file.name, content: await fileToBase64(file) };
      const state = await previewOf(chosen);
      if (!state.ok) return void show(state);
      setUpload(chosen);
      setPreview(state.data);
    } finally {
      setBusy(null);
    }
  };

  const onConfirm = async () => {
    if (!upload || !preview) return;
    setBusy('confirm');
    try {
      const state = await confirm({ ...upload, digest: preview.digest });
      if (!show(state)) return;
      // The refresh may remount the panel (a form keyed by the version): its message goes with it.
      carried.carry({ kind: 'ok', text: state.message ?? '已保存' });
      reset();
      router.refresh();
    } finally {
      setBusy(null);
    }
  };

  const onCancel = () => {
    reset();
    carried.carry(null);
    setBanner({ kind: 'ok', text: '已取消导入，未做任何修改。' });
  };

  return { ...feedback, input, busy, preview, reset, onFile, onConfirm, onCancel };
}

export type UploadPreview<P extends { digest: string }> = ReturnType<typeof useUploadPreview<P>>;

/** 确认导入 (its label while the import runs) and 取消 under a preview; both wait while anything is being sent. */
export function ConfirmImportButtons({
  busy,
  canConfirm,
  label = '确认导入',
  describedBy,
  onConfirm,
  onCancel,
}: {
  busy: null | 'preview' | 'confirm';
  canConfirm: boolean;
  label?: string;
  /** What explains a disabled 确认导入 (the blocking problems). */
  describedBy?: string;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}) {
  return (
    <div className="button-row">
      <button
        type="button"
        className="button primary"
        disabled={!canConfirm || busy !== null}
        aria-describedby={describedBy}
        onClick={() => void onConfirm()}
      >
        {busy === 'confirm' ? '正在导入…' : label}
      </button>
      <button type="button" className="button" disabled={busy !== null} onClick={onCancel}>
        取消
      </button>
    </div>
  );
}

/**
 * The card of a previewed upload: the panel's own controls, the file chooser, the server's messages,
 * then the panel's preview with 确认导入 and 取消 under it.
 */
export function UploadPreviewPanel<P extends { digest: string }>({
  upload,
  label,
  className = 'card entry-import',
  intro,
  controls,
  file,
  previewTestId,
  canConfirm,
  confirmLabel,
  children,
}: {
  upload: UploadPreview<P>;
  label: string;
  className?: string;
  /** Above the controls (a title and what to do). */
  intro?: React.ReactNode;
  /** Before the file chooser, on its row. */
  controls: React.ReactNode;
  file: { label: string; accept: string };
  previewTestId: string;
  canConfirm: (preview: P) => boolean;
  confirmLabel?: (preview: P) => string;
  children: (preview: P) => React.ReactNode;
}) {
  const { banner, fieldErrors, input, busy, preview, onFile, onConfirm, onCancel } = upload;
  return (
    <section className={className} aria-label={label}>
      {intro}
      <div className="button-row">
        {controls}
        <label className="field inline-field">
          <span>{file.label}</span>
          <input
            ref={input}
            type="file"
            accept={file.accept}
            disabled={busy !== null}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </label>
        {busy === 'preview' && <span className="muted">正在读取…</span>}
      </div>
      <FieldMessage message={fieldErrors.content} />
      <FormBanner banner={banner} />
      {preview && (
        <div className="entry-preview" data-testid={previewTestId}>
          {children(preview)}
          <ConfirmImportButtons
            busy={busy}
            canConfirm={canConfirm(preview)}
            label={confirmLabel?.(preview)}
            onConfirm={onConfirm}
            onCancel={onCancel}
          />
        </div>
      )}
    </section>
  );
}

/** The problems that stop an upload, one line each; nothing when there are none. */
export function UploadProblems({ testId, messages }: { testId: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul className="form-error" data-testid={testId}>
      {messages.map((message, i) => (
        <li key={i}>{message}</li>
      ))}
    </ul>
  );
}

/** A table of a preview: its headings (`{ num }` for a right-aligned one), then a row of cells per item. */
export function PreviewTable<R>({
  testId,
  columns,
  rows,
  children,
}: {
  testId: string;
  columns: Array<string | { num: string }>;
  rows: R[];
  children: (row: R) => React.ReactNode;
}) {
  return (
    <table className="data-table compact" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column) =>
            typeof column === 'string' ? (
              <th key={column}>{column}</th>
            ) : (
              <th key={column.num} className="num">
                {column.num}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>{children(row)}</tr>
        ))}
      </tbody>
    </table>
  );
}
