import type { EvidenceItem } from '@/lib/evidence/items';
import { parseRowKey } from '@/lib/evidence/rows';

export type SendResult = { ok: true; items: EvidenceItem[] } | { ok: false; message: string };

/**
 * Uploads one file to a row with XMLHttpRequest, whose upload events give the progress that fetch cannot. The
 * answer's message (the server names the file and the rule) is passed on as it is.
 */
export function sendFile(
  evaluationId: number,
  key: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<SendResult> {
  const row = parseRowKey(key);
  const form = new FormData();
  if (row?.target === 'indicator') form.append('indicatorId', String(row.indicatorId));
  else if (row) form.append('target', row.target);
  form.append('file', file, file.name);
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/evaluations/${evaluationId}/attachments`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { items?: EvidenceItem[]; error?: string } | null;
      if (xhr.status === 201 && body?.items) resolve({ ok: true, items: body.items });
      else resolve({ ok: false, message: body?.error ?? `“${file.name}”未能上传（服务器返回 ${xhr.status}），请重试` });
    };
    xhr.onerror = () => resolve({ ok: false, message: `“${file.name}”未能上传：网络或服务器出错，请检查网络后重试` });
    xhr.send(form);
  });
}

/** Removes one attachment; null on success, else the message to show. */
export async function deleteFile(id: number): Promise<string | null> {
  try {
    const res = await fetch(`/api/attachments/${id}`, { method: 'DELETE' });
    if (res.status === 204) return null;
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    return body?.error ?? `删除失败（服务器返回 ${res.status}），请刷新页面后重试`;
  } catch {
    return '删除失败：网络或服务器出错，请检查网络后重试';
  }
}
