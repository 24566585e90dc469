import { createHash } from 'node:crypto';
import type { APIRequestContext, Locator, Page } from '@playwright/test';

export interface EvidenceFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** `POST /api/evaluations/{id}/attachments` with the files (repeated `file`) and the row fields. */
export function uploadAs(
  ctx: APIRequestContext,
  evaluationId: number,
  files: EvidenceFile[],
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files)
    form.append('file', new Blob([new Uint8Array(file.buffer)], { type: file.mimeType }), file.name);
  return ctx.post(`/api/evaluations/${evaluationId}/attachments`, { multipart: form });
}

/** Drops files on an element as a user dragging them from the desktop does (dragover, then drop). */
export async function dropFiles(page: Page, target: Locator, files: EvidenceFile[]) {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer();
      for (const file of list) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.mimeType }));
      }
      return transfer;
    },
    files.map((f) => ({ name: f.name, mimeType: f.mimeType, base64: f.buffer.toString('base64') })),
  );
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}
