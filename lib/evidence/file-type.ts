/**
 * Which evidence files are let in, decided from their content only: never from the name's extension or the
 * browser's claim. `file-type` reads the magic bytes; zips (DOCX, XLSX, OFD, plain ZIP) are told apart by the names
 * in their central directory, OLE2 compound files (DOC, XLS) by the streams at their root.
 */
import { stat } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import { compoundFileRootNames } from './compound-file';
import { sanitizeFileName } from './file-name';
import { zipEntryNames } from './zip-contents';

export type EvidenceKind = 'pdf' | 'jpeg' | 'png' | 'docx' | 'xlsx' | 'doc' | 'xls' | 'ofd' | 'zip';

export interface EvidenceType {
  kind: EvidenceKind;
  mime: string;
  /** What the UI calls it. */
  label: string;
  /** The canonical extension, without the dot. */
  extension: string;
  aliases?: readonly string[];
}

export const EVIDENCE_TYPES: Record<EvidenceKind, EvidenceType> = {
  pdf: { kind: 'pdf', mime: 'application/pdf', label: 'PDF 文件', extension: 'pdf' },
  jpeg: { kind: 'jpeg', mime: 'image/jpeg', label: 'JPEG 图片', extension: 'jpg', aliases: ['jpeg', 'jpe'] },
  png: { kind: 'png', mime: 'image/png', label: 'PNG 图片', extension: 'png' },
  docx: {
    kind: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word 文档',
    extension: 'docx',
  },
  xlsx: {
    kind: 'xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel 工作簿',
    extension: 'xlsx',
  },
  doc: { kind: 'doc', mime: 'application/msword', label: 'Word 97-2003 文档', extension: 'doc' },
  xls: { kind: 'xls', mime: 'application/vnd.ms-excel', label: 'Excel 97-2003 工作簿', extension: 'xls' },
  ofd: { kind: 'ofd', mime: 'application/ofd', label: 'OFD 版式文件', extension: 'ofd' },
  zip: { kind: 'zip', mime: 'application/zip', label: 'ZIP 压缩包', extension: 'zip' },
};

export const ALLOWED_TYPES_TEXT = 'PDF、JPEG、PNG、Word、Excel、OFD、ZIP';

export type DetectedType = ({ ok: true } & EvidenceType) | { ok: false; message: string };

/** What `file-type` names the zips it recognises; other zip-based formats (pptx, jar, apk, epub…) are refused. */
const ZIP_FAMILY = new Set(['zip', 'docx', 'xlsx']);
const BY_MAGIC: Record<string, EvidenceKind> = { pdf: 'pdf', jpg: 'jpeg', png: 'png', apng: 'png' };

/** The type of the upload `name` (as the user named it, for the message) whose bytes are in the local `file`. */
export async function detectEvidenceType(args: { name: string; file: string }): Promise<DetectedType> {
  const kind = await detectKind(args.file);
  if (kind) return { ok: true, ...EVIDENCE_TYPES[kind] };
  const shown = sanitizeFileName(args.name, '附件');
  if ((await stat(args.file)).size === 0) return { ok: false, message: `“${shown}”是空文件，没有可以保存的内容` };
  return { ok: false, message: `“${shown}”的内容不是允许的文件类型（允许：${ALLOWED_TYPES_TEXT}）` };
}

async function detectKind(file: string): Promise<EvidenceKind | null> {
  const magic = (await fileTypeFromFile(file))?.ext;
  if (!magic) return null;
  if (BY_MAGIC[magic]) return BY_MAGIC[magic];
  if (ZIP_FAMILY.has(magic)) return zipKind(file, magic);
  if (magic === 'cfb') return compoundFileKind(file);
  return null;
}

async function zipKind(file: string, magic: string): Promise<EvidenceKind | null> {
  const names = await zipEntryNames(file);
  if (!names) return null;
  const hasContentTypes = names.includes('[Content_Types].xml');
  const office: EvidenceKind[] = [];
  if (hasContentTypes && names.some((name) => name.startsWith('word/'))) office.push('docx');
  if (hasContentTypes && names.some((name) => name.startsWith('xl/'))) office.push('xlsx');
  if (office.length === 1) return office[0];
  // Both parts present: only file-type's reading of [Content_Types].xml can settle it.
  if (office.length === 2) return office.find((kind) => kind === magic) ?? 'zip';
  // GB/T 33190: an OFD package has its entry file OFD.xml at the root.
  if (names.some((name) => name.toLowerCase() === 'ofd.xml')) return 'ofd';
  return 'zip';
}

async function compoundFileKind(file: string): Promise<EvidenceKind | null> {
  const names = await compoundFileRootNames(file);
  if (!names) return null;
  // Word keeps its text in "WordDocument"; Excel its sheets in "Workbook" (BIFF8) or "Book" (BIFF5).
  const isDoc = names.includes('WordDocument');
  const isXls = names.includes('Workbook') || names.includes('Book');
  if (isDoc === isXls) return null;
  return isDoc ? 'doc' : 'xls';
}
