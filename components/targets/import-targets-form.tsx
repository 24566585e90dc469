'use client';

import Link from 'next/link';
import { useState } from 'react';
import { FieldMessage, FormBanner, useServerFeedback } from '@/components/form-feedback';
import { Options } from '@/components/options';
import { ConfirmImportButtons } from '@/components/upload-preview';
import { postOperation } from '@/lib/action-state';
import { fileToBase64 } from '@/lib/file-base64';
import type { ImportPreview, TargetSource } from '@/lib/targets/import-operations';
import { ImportReportView } from './import-report-view';

type Mode = 'paste' | 'file';

const BLOCKING_ID = 'import-blocking';

/** Why the table cannot be imported as read: shown above the report, and the reason 确认导入 is disabled. */
function BlockingProblems({ problems }: { problems: ImportPreview['outcome']['blocking'] }) {
  if (problems.length === 0) return null;
  return (
    <div className="form-error" role="alert" id={BLOCKING_ID} data-testid="preview-blocking">
      <strong>无法导入，请修改后重新预览：</strong>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            {p.project ? `${p.project}：` : ''}
            {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The blank template and the example, in the workbook layout the import reads (also pasted as cells). */
function TemplateLinks() {
  return (
    <p className="muted" data-testid="import-templates">
      也可以按模板填写后上传，或从模板中复制单元格粘贴到这里：
      <a href="/api/targets/template.xlsx" download>
        下载空白模板（.xlsx）
      </a>
      {' · '}
      <a href="/api/targets/example.xlsx" download>
        下载示例（.xlsx）
      </a>
    </p>
  );
}

type Typed = { year: string; departmentId: string; content: string };

/** A labelled field of this form with the server's message about it underneath. */
function Field({ label, error, children }: { label: string; error?: string; children: React.ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      <FieldMessage message={error} />
    </label>
  );
}

async function readSource(
  mode: Mode,
  text: string,
  file: File | null,
): Promise<Pick<TargetSource, 'format' | 'content' | 'sourceName'>> {
  if (mode === 'paste' || !file) return { format: 'text', content: text, sourceName: '粘贴的文本' };
  if (file.name.toLowerCase().endsWith('.xlsx'))
    return { format: 'xlsx', content: await fileToBase64(file), sourceName: file.name };
  return { format: 'text', content: await file.text(), sourceName: file.name };
}

/** Paste or upload → preview (a dry run, nothing written) → confirm exactly what was previewed, or cancel. */
export function ImportTargetsForm({ departments }: { departments: Array<{ id: number; name: string }> }) {
  const [mode, setMode] = useState<Mode>('paste');
  const [typed, setTyped] = useState<Typed>({ year: '', departmentId: '', content: '' });
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<null | 'preview' | 'confirm'>(null);
  const { banner, setBanner, fieldErrors: errors, show, clear } = useServerFeedback();
  const [preview, setPreview] = useState<(ImportPreview & { source: TargetSource }) | null>(null);
  const [done, setDone] = useState<number | null>(null);
  /** A typed field: its value, kept on every keystroke, and marked when the server refused it. */
  const bind = (name: keyof Typed) => ({
    value: typed[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setTyped((t) => ({ ...t, [name]: e.target.value })),
    'aria-invalid': Boolean(errors[name]),
  });

  const onPreview = async () => {
    setBusy('preview');
    clear();
    setDone(null);
    try {
      const { year, departmentId, content } = typed;
      const source = { year, departmentId, ...(await readSource(mode, content, file)) } as TargetSource;
      const state = await postOperation<ImportPreview>('/api/imports/targets/preview', source);
      if (!state.ok) {
        show(state);
        setPreview(null);
        return;
      }
      setPreview({ ...state.data, source });
    } finally {
      setBusy(null);
    }
  };

  const onConfirm = async () => {
    if (!preview) return;
    setBusy('confirm');
    try {
      const state = await postOperation('/api/imports/targets/confirm', { ...preview.source, digest: preview.digest });
      if (!show(state)) return;
      setDone(preview.year);
      setPreview(null);
    } finally {
      setBusy(null);
    }
  };

  const onCancel = () => {
    setPreview(null);
    setBanner({ kind: 'ok', text: '已取消，未导入任何内容。' });
  };

  return (
    <>
      <section className="card">
        <div className="tabs" role="group" aria-label="来源">
          <button type="button" className="button" aria-pressed={mode === 'paste'} onClick={() => setMode('paste')}>
            粘贴文本
          </button>
          <button type="button" className="button" aria-pressed={mode === 'file'} onClick={() => setMode('file')}>
            上传文件
          </button>
        </div>
        <TemplateLinks />
        <div className="form-stack">
          <Field label="导入年度" error={errors.year}>
            <input inputMode="numeric" className="short" placeholder="默认取表中年度" {...bind('year')} />
          </Field>
          <Field label="导入到部门" error={errors.departmentId}>
            <select {...bind('departmentId')}>
              <option value="">按目标表中的部门名称（没有则新建）</option>
              <Options items={departments} value={(d) => d.id} label={(d) => d.name} />
            </select>
          </Field>
          {mode === 'paste' ? (
            <Field label="目标表文本" error={errors.content}>
              <textarea
                className="source"
                placeholder="将绩效目标表（PDF）中的文字全选复制后粘贴到这里，或粘贴从目标表 Excel 文件中复制的单元格（含表头行）"
                {...bind('content')}
              />
            </Field>
          ) : (
            <Field label="目标表文件（.txt 或 .xlsx）" error={errors.content}>
              <input
                type="file"
                accept=".txt,.xlsx,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </Field>
          )}
          <div className="button-row">
            <button type="button" className="button primary" disabled={busy !== null} onClick={() => void onPreview()}>
              {busy === 'preview' ? '正在解析…' : '预览'}
            </button>
          </div>
        </div>
      </section>

      <FormBanner banner={banner}>
        {done && <Link href={`/projects?year=${done}`}>查看 {done} 年度项目</Link>}
      </FormBanner>

      {preview && (
        <section className="card" aria-label="导入预览" data-testid="import-preview">
          <h2>
            预览：{preview.outcome.department} {preview.year} 年度
          </h2>
          <BlockingProblems problems={preview.outcome.blocking} />
          <ImportReportView outcome={preview.outcome} />
          <ConfirmImportButtons
            busy={busy}
            canConfirm={preview.outcome.blocking.length === 0}
            describedBy={preview.outcome.blocking.length > 0 ? BLOCKING_ID : undefined}
            onConfirm={onConfirm}
            onCancel={onCancel}
          />
        </section>
      )}
    </>
  );
}
