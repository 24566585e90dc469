import { CROSS_ORIGIN_MESSAGE, isSameOrigin } from './same-origin';

/**
 * What the write API accepts before any operation sees it: a JSON body (the content type says so),
 * of bounded size, from this site when a browser sends it. A browser always names the page's origin
 * on a cross-site request (Origin, Sec-Fetch-Site), so another site cannot ride the session cookie
 * to write (`isSameOrigin`, the one check of every API mutation); scripts and the budget system send no Origin
 * and are judged by their session alone.
 */
export const JSON_BODY_LIMIT = 1_000_000;

type Env = Record<string, string | undefined>;

export type JsonRequest = { ok: true; body: unknown } | { ok: false; status: 403 | 413 | 415 | 400; message: string };

export async function readJsonRequest(req: Request, env: Env = process.env): Promise<JsonRequest> {
  if (!isSameOrigin(req.headers, env)) return { ok: false, status: 403, message: CROSS_ORIGIN_MESSAGE };
  const type = req.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    return { ok: false, status: 415, message: '请求体须为 JSON（Content-Type: application/json）' };
  const text = await req.text();
  if (Buffer.byteLength(text) > JSON_BODY_LIMIT) return { ok: false, status: 413, message: '请求体过大' };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, message: '请求体不是有效的 JSON' };
  }
}
