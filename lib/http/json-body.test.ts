import { describe, expect, it } from 'vitest';
import { readJsonBody } from './json-body';

/** A body as a route handler gets it, in chunks of `chunk` bytes pulled on demand, counting how many were pulled. */
function request(text: string, { chunk = 1024, length }: { chunk?: number; length?: string | null } = {}) {
  const bytes = Buffer.from(text, 'utf8');
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= bytes.length) return controller.close();
        controller.enqueue(new Uint8Array(bytes.subarray(pulled, pulled + chunk)));
        pulled += chunk;
      },
    },
    { highWaterMark: 0 },
  );
  const headers = new Headers(length === null || length === undefined ? {} : { 'content-length': length });
  return { req: { body, headers }, pulled: () => pulled };
}

describe('readJsonBody', () => {
  it('reads a JSON body within the limit, Chinese text included', async () => {
    const { req } = request(JSON.stringify({ content: '绩效目标表'.repeat(1000) }), { chunk: 7 });
    expect(await readJsonBody(req, 64 * 1024)).toEqual({ ok: true, value: { content: '绩效目标表'.repeat(1000) } });
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const { req, pulled } = request('{}', { length: String(11 * 1024 * 1024) });
    expect(await readJsonBody(req, 10 * 1024 * 1024)).toMatchObject({ ok: false, code: 'too_large' });
    expect(pulled()).toBe(0);
  });

  it('stops reading a body without a length once it passes the limit', async () => {
    const { req, pulled } = request(JSON.stringify({ content: 'x'.repeat(100_000) }), { chunk: 1000 });
    const answer = await readJsonBody(req, 10_000);
    expect(answer).toMatchObject({ ok: false, code: 'too_large', message: expect.stringContaining('上限') });
    expect(pulled()).toBeLessThanOrEqual(12_000);
  });

  it('answers malformed for what is not JSON', async () => {
    expect(await readJsonBody(request('{"content": ').req, 1000)).toMatchObject({ ok: false, code: 'malformed' });
  });
});
