import 'server-only';
import { fail, type Failure } from '@/lib/action-state';
import { fieldText, MultipartError, type MultipartPart, type MultipartReader } from '@/lib/http/multipart';
import { evidenceFileName, sanitizeFileName } from './file-name';
import { detectEvidenceType, type DetectedType } from './file-type';
import { nextFileAllowance, type EvidenceLimits } from './limits';
import { faultPoint } from './store';
import type { EvidenceStorage } from './storage';

/** How many files one request may carry. */
export const MAX_FILES_PER_REQUEST = 20;
/** The plain fields an upload reads: the row the files belong to. */
const ROW_FIELDS = ['indicatorId', 'target'] as const;
type RowFields = Partial<Record<(typeof ROW_FIELDS)[number], string>>;

export interface ReceivedFile {
  name: string;
  size: number;
  sha256: string;
  mime: string;
}

/**
 * Reads an upload's parts in order: each file streams into the store (at most what the limits leave for it; its
 * type decided from the content before it takes its place), the row fields are kept. A file is durable once
 * stored; a refusal later in the request leaves it to the sweep.
 */
export async function receiveFiles(
  reader: MultipartReader,
  { storage, limits, usedBytes }: { storage: EvidenceStorage; limits: EvidenceLimits; usedBytes: number },
): Promise<{ ok: true; files: ReceivedFile[]; fields: RowFields } | Failure> {
  const files: ReceivedFile[] = [];
  const fields: RowFields = {};
  try {
    for await (const part of reader.parts()) {
      if (part.fileName === null) {
        const field = ROW_FIELDS.find((name) => name === part.name);
        if (field) fields[field] = (await fieldText(part)).trim();
        continue;
      }
      if (part.name !== 'file') return fail('malformed', `文件须放在字段 file 中（收到字段“${part.name}”）`);
      // A file input left empty still sends its part, without a name or content.
      if (part.fileName === '') continue;
      if (files.length === MAX_FILES_PER_REQUEST)
        return fail('malformed', `一次最多上传 ${MAX_FILES_PER_REQUEST} 个文件`);
      const used = usedBytes + files.reduce((sum, f) => sum + f.size, 0);
      const stored = await storeFile(part as MultipartPart & { fileName: string }, storage, limits, used);
      if (!stored.ok) return stored;
      files.push(stored.file);
      faultPoint('after-put');
    }
  } catch (error) {
    if (error instanceof MultipartError) return fail('malformed', error.message);
    throw error;
  }
  if (files.length === 0) return fail('malformed', '没有收到文件，请选择要上传的文件');
  return { ok: true, files, fields };
}

async function storeFile(
  part: MultipartPart & { fileName: string },
  storage: EvidenceStorage,
  limits: EvidenceLimits,
  usedBytes: number,
): Promise<{ ok: true; file: ReceivedFile } | Failure> {
  const allowance = nextFileAllowance(limits, usedBytes);
  const seen: { type?: DetectedType } = {};
  const put = await storage.put(part.body, {
    maxBytes: allowance.maxBytes,
    accept: async (file) => (seen.type = await detectEvidenceType({ name: part.fileName, file })).ok,
  });
  if (!put.ok) {
    if (put.reason === 'too-large')
      return fail('too_large', allowance.refusal(sanitizeFileName(part.fileName, '附件')));
    return fail('unsupported_type', seen.type?.ok === false ? seen.type.message : '文件类型不允许');
  }
  const type = seen.type as DetectedType & { ok: true };
  return {
    ok: true,
    file: { name: evidenceFileName(part.fileName, type), size: put.size, sha256: put.sha256, mime: type.mime },
  };
}

/** The name of the request's first file, read from its part header only: for a refusal before any file is read. */
export async function firstFileName(reader: MultipartReader): Promise<string | null> {
  try {
    for await (const part of reader.parts()) if (part.fileName) return sanitizeFileName(part.fileName, '附件');
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
  }
  return null;
}
