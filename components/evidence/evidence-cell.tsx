'use client';

import { useRef, useState } from 'react';
import { attachmentUrl, formatBytes, isPreviewable, type EvidenceItem } from '@/lib/evidence/items';
import { formatDateTime } from '@/lib/format';
import { useEvidence } from './evidence-provider';
import styles from './evidence.module.css';

/** What the file chooser offers first; the server decides the type from the content whatever the name says. */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.doc,.xls,.ofd,.zip';

/** 已附 n / 未附, and 缺佐证 when the latest return flagged the row: for the review table and the return's checkboxes. */
export function EvidenceCount({ rowKey }: { rowKey: string }) {
  const evidence = useEvidence();
  if (!evidence) return null;
  const count = evidence.itemsOf(rowKey).length;
  return (
    <span className={styles.counts} data-testid={`evidence-count-${rowKey}`}>
      <span className={count > 0 ? styles.attached : styles.none}>{count > 0 ? `已附 ${count}` : '未附'}</span>
      {evidence.config.flagged.includes(rowKey) && <span className={styles.flag}>缺佐证</span>}
    </span>
  );
}

/**
 * One row's evidence beside the row: the count, the list (name, size, who, when; preview for images and PDFs,
 * download for all), and, for whoever may add now, a button and a drop zone taking several files at once, with
 * each file's progress and each refusal next to the row.
 */
export function EvidenceCell({ rowKey }: { rowKey: string }) {
  const evidence = useEvidence();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  if (!evidence) return null;
  const { config } = evidence;
  const label = config.rows.find((r) => r.key === rowKey)?.label ?? '';
  const items = evidence.itemsOf(rowKey);
  const send = (files: FileList | null) => {
    if (files && files.length > 0) void evidence.upload(rowKey, [...files]);
  };

  return (
    <div
      className={`${styles.cell} ${over ? styles.over : ''}`}
      data-testid={`evidence-${rowKey}`}
      onDragOver={(e) => {
        if (!config.adds) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        if (!config.adds) return;
        e.preventDefault();
        setOver(false);
        send(e.dataTransfer.files);
      }}
    >
      <EvidenceCount rowKey={rowKey} />
      {items.length > 0 && (
        <ul className={styles.list}>
          {items.map((item) => (
            <EvidenceEntry key={item.id} item={item} rowKey={rowKey} />
          ))}
        </ul>
      )}
      {evidence.pendingOf(rowKey).map((p) => (
        <p key={p.id} className={styles.pending}>
          <span>{p.name}</span>
          <progress value={p.progress} max={1} aria-label={`${p.name} 上传进度`} />
        </p>
      ))}
      {evidence.messagesOf(rowKey).map((message) => (
        <p key={message} role="alert" className={`field-error ${styles.message}`}>
          {message}
        </p>
      ))}
      {config.adds && (
        <div className={styles.drop}>
          <button type="button" className="button" onClick={() => input.current?.click()}>
            {config.adds === 'review' ? '上传复核佐证' : '上传佐证'}
          </button>
          <span className="muted">或拖放文件到此处</span>
          <input
            ref={input}
            type="file"
            multiple
            accept={ACCEPT}
            className="sr-only"
            aria-label={`${label} 选择佐证材料`}
            onChange={(e) => {
              send(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
        </div>
      )}
    </div>
  );
}

/** A section's evidence under its fields (the budget line, 年度总体目标, the evaluation as a whole). */
export function EvidenceSection({ rowKey, title = '佐证材料' }: { rowKey: string; title?: string }) {
  return (
    <div className={styles.section}>
      <h3 className={styles.sectionTitle}>{title}</h3>
      <EvidenceCell rowKey={rowKey} />
    </div>
  );
}

function EvidenceEntry({ item, rowKey }: { item: EvidenceItem; rowKey: string }) {
  const evidence = useEvidence()!;
  return (
    <li className={styles.item} data-testid="evidence-item">
      <a href={attachmentUrl(item.id)} download={item.name} className={styles.name}>
        {item.name}
      </a>
      {item.purpose === 'review' && <span className={styles.review}>财政复核</span>}
      <small className="muted">
        {formatBytes(item.size)} · {item.uploadedBy} · {formatDateTime(new Date(item.uploadedAt))}
      </small>
      <span className={styles.actions}>
        {isPreviewable(item.mime) && (
          <button type="button" className={styles.link} onClick={() => evidence.preview(item)}>
            预览
          </button>
        )}
        {evidence.config.removes.includes(item.purpose) && (
          <button
            type="button"
            className={styles.link}
            aria-label={`删除 ${item.name}`}
            onClick={() => void evidence.remove(rowKey, item)}
          >
            删除
          </button>
        )}
      </span>
    </li>
  );
}
