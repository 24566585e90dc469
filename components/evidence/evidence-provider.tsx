'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { attachmentUrl, type EvidenceItem } from '@/lib/evidence/items';
import { rowKey } from '@/lib/evidence/rows';
import type { EvidenceConfig } from '@/lib/evidence/view';
import styles from './evidence.module.css';
import { deleteFile, sendFile } from './send-file';

export interface PendingUpload {
  id: number;
  name: string;
  /** 0 … 1 of the bytes sent. */
  progress: number;
}

interface EvidenceState {
  config: EvidenceConfig;
  itemsOf(key: string): EvidenceItem[];
  pendingOf(key: string): PendingUpload[];
  messagesOf(key: string): string[];
  upload(key: string, files: File[]): Promise<void>;
  remove(key: string, item: EvidenceItem): Promise<void>;
  preview(item: EvidenceItem): void;
}

const EvidenceContext = createContext<EvidenceState | null>(null);

export function useEvidence(): EvidenceState | null {
  return useContext(EvidenceContext);
}

let nextUploadId = 1;

/**
 * The evaluation's evidence on the page: the list every row's cell shows, the uploads in progress with their
 * progress, each row's refusals, and the preview. Uploads and removals go straight to the API: they never submit,
 * reset or reload the evaluation form, so nothing typed on it is lost.
 */
export function EvidenceProvider({ config, children }: { config: EvidenceConfig; children: React.ReactNode }) {
  const [items, setItems] = useState(config.items);
  const [pending, setPending] = useState<Array<PendingUpload & { key: string }>>([]);
  const [messages, setMessages] = useState<Record<string, string[]>>({});
  const [previewed, setPreviewed] = useState<EvidenceItem | null>(null);

  const say = useCallback((key: string, list: string[]) => setMessages((all) => ({ ...all, [key]: list })), []);

  const upload = useCallback(
    async (key: string, files: File[]) => {
      const refusals: string[] = [];
      say(key, []);
      // One file after another: each refusal is its own, and the others still go in.
      for (const file of files) {
        const id = nextUploadId++;
        setPending((list) => [...list, { id, key, name: file.name, progress: 0 }]);
        const result = await sendFile(config.evaluationId, key, file, (progress) =>
          setPending((list) => list.map((p) => (p.id === id ? { ...p, progress } : p))),
        );
        setPending((list) => list.filter((p) => p.id !== id));
        if (result.ok) setItems((list) => [...list, ...result.items]);
        else refusals.push(result.message);
        say(key, [...refusals]);
      }
    },
    [config.evaluationId, say],
  );

  const remove = useCallback(
    async (key: string, item: EvidenceItem) => {
      if (!window.confirm(`确定删除“${item.name}”吗？`)) return;
      const refusal = await deleteFile(item.id);
      if (refusal) say(key, [refusal]);
      else setItems((list) => list.filter((i) => i.id !== item.id));
    },
    [say],
  );

  // A file dropped beside a drop zone would make the browser open it and leave the page with unsaved input.
  useEffect(() => {
    if (!config.adds) return;
    const keep = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', keep);
    window.addEventListener('drop', keep);
    return () => {
      window.removeEventListener('dragover', keep);
      window.removeEventListener('drop', keep);
    };
  }, [config.adds]);

  const state = useMemo<EvidenceState>(
    () => ({
      config,
      itemsOf: (key) => items.filter((item) => rowKey(item) === key),
      pendingOf: (key) => pending.filter((p) => p.key === key),
      messagesOf: (key) => messages[key] ?? [],
      upload,
      remove,
      preview: setPreviewed,
    }),
    [config, items, pending, messages, upload, remove],
  );

  return (
    <EvidenceContext.Provider value={state}>
      {children}
      {previewed && <PreviewDialog item={previewed} onClose={() => setPreviewed(null)} />}
    </EvidenceContext.Provider>
  );
}

function PreviewDialog({ item, onClose }: { item: EvidenceItem; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const src = attachmentUrl(item.id, { inline: true });
  return (
    <dialog ref={dialog} className={styles.preview} aria-label={`预览：${item.name}`} onClose={onClose}>
      <div className={styles.previewHead}>
        <strong>{item.name}</strong>
        <a href={attachmentUrl(item.id)} download={item.name}>
          下载
        </a>
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          关闭
        </button>
      </div>
      {item.mime === 'application/pdf' ? (
        <iframe src={src} title={item.name} className={styles.previewFrame} />
      ) : (
        // eslint-disable-next-line @next/next/no-img-element -- a private file behind the session, not a static asset
        <img src={src} alt={item.name} className={styles.previewImage} />
      )}
    </dialog>
  );
}
