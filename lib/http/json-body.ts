import { fail, type Failure } from '@/lib/action-state';

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 100) / 100} MB`;

/**
 * A JSON request body read with its own size limit: refused by its Content-Length before anything is
 * read, else counted as it streams in and left unread past the limit, so an oversized body never
 * sits in memory whole. The limit belongs to the route (the imports' 16 MB), not to every request.
 */
export async function readJsonBody(
  request: { body: ReadableStream<Uint8Array> | null; headers: { get(name: string): string | null } },
  maxBytes: number,
): Promise<{ ok: true; value: unknown } | Failure> {
  const tooLarge = fail('too_large', `请求内容超过 ${megabytes(maxBytes)} 的上限，未处理`);
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) return tooLarge;
  if (!request.body) return fail('malformed', '请求内容为空');
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge;
    }
    chunks.push(value);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return fail('malformed', '请求内容不是有效的 JSON');
  }
}
