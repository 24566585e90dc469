import type { EvidencePurpose, EvidenceTarget } from '@/db/schema';

/**
 * One attachment as the API answers it and the browser shows it (name, size, who, when): the same shape for the
 * upload's answer, the list and the page.
 */
export interface EvidenceItem {
  id: number;
  name: string;
  size: number;
  sha256: string;
  mime: string;
  target: EvidenceTarget;
  indicatorId: number | null;
  purpose: EvidencePurpose;
  uploadedBy: string;
  /** ISO 8601. */
  uploadedAt: string;
}

interface StoredAttachment extends Omit<EvidenceItem, 'uploadedAt'> {
  uploadedAt: Date;
}

export function evidenceItem(row: StoredAttachment): EvidenceItem {
  return {
    id: row.id,
    name: row.name,
    size: row.size,
    sha256: row.sha256,
    mime: row.mime,
    target: row.target,
    indicatorId: row.indicatorId,
    purpose: row.purpose,
    uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

/** Images and PDFs open in the page; everything else only downloads. */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'application/pdf']);

export function isPreviewable(mime: string): boolean {
  return PREVIEWABLE.has(mime);
}

export const attachmentUrl = (id: number, { inline = false } = {}) =>
  `/api/attachments/${id}${inline ? '?inline=1' : ''}`;

/** `900 B`, `35.2 KB`, `1.4 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The 修改记录's 项目 of a change to a row's evidence: `佐证材料 · 第3行“…”`. */
export function auditField(purpose: EvidencePurpose, row: { label: string }): string {
  return `${purpose === 'review' ? '复核佐证材料' : '佐证材料'} · ${row.label}`;
}

/** How the 修改记录 names an attachment: name, size and the content's sha256. */
export function describeAttachment(item: Pick<EvidenceItem, 'name' | 'size' | 'sha256'>): string {
  return `${item.name}（${item.size} 字节，sha256 ${item.sha256}）`;
}
