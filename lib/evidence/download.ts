import 'server-only';
import { Readable } from 'node:stream';
import type { AttachmentRow } from '@/db/queries/attachments';
import { downloadHeaders } from '@/lib/exports/download';
import { isPreviewable } from './items';
import type { EvidenceStorage } from './storage';

/** A download: nothing in it may run or load, and no page may frame it. */
const DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";
/** An image shown in this site's preview dialog. */
const IMAGE_PREVIEW_CSP = "default-src 'none'; sandbox; frame-ancestors 'self'";
/**
 * A PDF shown in this site's preview frame. No `sandbox`: Chromium refuses to start its PDF viewer in a sandboxed
 * document. The viewer renders apart from this origin (a PDF's scripts never reach the page or its cookies).
 */
const PDF_PREVIEW_CSP = "default-src 'none'; frame-ancestors 'self'";

/**
 * `GET /api/attachments/{id}`: the stored file, streamed, under its sanitised name with the type decided from its
 * content at upload. `Content-Disposition: attachment`, or `inline` for the preview of an image or a PDF
 * (`?inline=1`); never sniffed (nosniff), never cached.
 */
export async function attachmentResponse(
  attachment: Pick<AttachmentRow, 'id' | 'name' | 'sha256' | 'mime'>,
  { storage, inline }: { storage: EvidenceStorage; inline: boolean },
): Promise<Response> {
  const content = await storage.get(attachment.sha256);
  if (!content) {
    // A row without its file: the order of writes rules this out, so it is an operator's problem to look into.
    console.error(`evidence file missing: attachment ${attachment.id}, sha256 ${attachment.sha256}`);
    return Response.json({ error: '该佐证材料的文件缺失，请联系系统管理员' }, { status: 404 });
  }
  const preview = inline && isPreviewable(attachment.mime);
  const csp = !preview ? DOWNLOAD_CSP : attachment.mime === 'application/pdf' ? PDF_PREVIEW_CSP : IMAGE_PREVIEW_CSP;
  const extension = /\.([a-z0-9]{1,8})$/i.exec(attachment.name)?.[1] ?? 'bin';
  const headers = {
    ...downloadHeaders({
      fileName: attachment.name,
      asciiFallback: `attachment-${attachment.id}.${extension}`,
      contentType: attachment.mime,
      inline: preview,
    }),
    'Content-Security-Policy': csp,
  };
  return new Response(Readable.toWeb(content) as unknown as ReadableStream<Uint8Array>, { headers });
}
