/** HTTP headers of a file download: a readable Chinese file name with an ASCII fallback for old clients. */

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** Characters no file system or browser accepts in a name, and control characters. */
const UNSAFE_IN_FILE_NAME = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

export function safeFileName(name: string): string {
  const clean = name.replace(UNSAFE_IN_FILE_NAME, '_').replace(/\s+/g, ' ').trim();
  return clean.replace(/^\.+/, '') || 'download';
}

/** RFC 5987 ext-value: percent-encoding of UTF-8 where only attr-char stays literal. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment; filename="evaluations-2024.xlsx"; filename*=UTF-8''2024%E5%B9%B4…` (RFC 6266); `inline` for a
 * preview the browser shows in the page (with the same name, should the user save it from there).
 */
export function contentDisposition(fileName: string, asciiFallback: string, { inline = false } = {}): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const kind = inline ? 'inline' : 'attachment';
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${rfc5987(safeFileName(fileName))}`;
}

export function downloadHeaders(args: {
  fileName: string;
  asciiFallback: string;
  contentType: string;
  inline?: boolean;
}): Record<string, string> {
  return {
    'Content-Type': args.contentType,
    'Content-Disposition': contentDisposition(args.fileName, args.asciiFallback, { inline: args.inline }),
    // Evaluations are not public: no shared cache may keep a copy.
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

/** A whole file as a download response, with its length. */
export function downloadResponse(
  body: Buffer,
  args: { fileName: string; asciiFallback: string; contentType: string },
): Response {
  return new Response(new Uint8Array(body), {
    headers: { ...downloadHeaders(args), 'Content-Length': String(body.length) },
  });
}
