import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundaryOf, fieldText, MultipartError, MultipartReader } from './multipart';

const BOUNDARY = '----WebKitFormBoundaryX3aC9e';

type Part = { name: string; fileName?: string; data: Buffer };

function encode(parts: Part[], boundary = BOUNDARY): Buffer {
  const pieces: Buffer[] = [];
  for (const part of parts) {
    const file = part.fileName === undefined ? '' : `; filename="${part.fileName}"`;
    const type = part.fileName === undefined ? '' : '\r\nContent-Type: application/octet-stream';
    pieces.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${file}${type}\r\n\r\n`),
    );
    pieces.push(part.data, Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

/** The body cut at the given offsets, as a web stream (what a route handler's request.body is). */
function streamOf(body: Buffer, cuts: number[] = []): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.map((c) => c % (body.length + 1)))].sort((a, b) => a - b);
  const chunks = [...points, body.length].map((end, i) => body.subarray(i === 0 ? 0 : points[i - 1], end));
  return new Blob(chunks.filter((c) => c.length > 0).map((c) => new Uint8Array(c))).stream();
}

async function readAll(body: ReadableStream<Uint8Array>) {
  const out: Part[] = [];
  for await (const part of new MultipartReader(body, BOUNDARY).parts()) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of part.body) chunks.push(chunk);
    out.push({
      name: part.name,
      ...(part.fileName !== null ? { fileName: part.fileName } : {}),
      data: Buffer.concat(chunks),
    });
  }
  return out;
}

/** Buffers compared as text: a deep comparison of large buffers byte by byte is slow. */
const hex = (parts: Part[]) => parts.map((p) => ({ ...p, data: p.data.toString('hex') }));

describe('boundaryOf', () => {
  it('reads the boundary of multipart/form-data only', () => {
    expect(boundaryOf(`multipart/form-data; boundary=${BOUNDARY}`)).toBe(BOUNDARY);
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(boundaryOf('multipart/mixed; boundary=x')).toBeNull();
    expect(boundaryOf('application/json')).toBeNull();
    expect(boundaryOf('multipart/form-data')).toBeNull();
    expect(boundaryOf(null)).toBeNull();
  });
});

describe('MultipartReader', () => {
  it('gives back every part byte for byte, however the body is cut into chunks', async () => {
    const tricky = Buffer.concat([
      Buffer.from(`\r\n--${BOUNDARY.slice(0, -1)}`),
      randomBytes(3000),
      Buffer.from('\r\n-'),
    ]);
    const parts: Part[] = [
      { name: 'indicatorId', data: Buffer.from('12') },
      { name: 'file', fileName: '合同.pdf', data: tricky },
      { name: 'file', fileName: 'empty.png', data: Buffer.alloc(0) },
      { name: 'file', fileName: 'b.bin', data: randomBytes(70_000) },
    ];
    const body = encode(parts);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (cuts) => {
        expect(hex(await readAll(streamOf(body, cuts)))).toEqual(hex(parts));
      }),
      { numRuns: 60 },
    );
  });

  it('skips the rest of a part the reader stops reading, and reads the next', async () => {
    const body = encode([
      { name: 'file', fileName: 'a.bin', data: randomBytes(100_000) },
      { name: 'target', data: Buffer.from('budget') },
    ]);
    const seen: string[] = [];
    for await (const part of new MultipartReader(streamOf(body, [5000, 9000]), BOUNDARY).parts()) {
      if (part.fileName) {
        for await (const chunk of part.body) if (chunk.length > 0) break;
        seen.push(part.name);
      } else {
        seen.push(`${part.name}=${await fieldText(part)}`);
      }
    }
    expect(seen).toEqual(['file', 'target=budget']);
  });

  it('reads RFC 5987 names, quoted names with escapes, and Chinese names sent as UTF-8', async () => {
    const body = Buffer.concat([
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''%E5%8F%B0%E8%B4%A6.xlsx\r\n\r\nx\r\n`,
      ),
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a\\"b.pdf"\r\n\r\ny\r\n`),
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="../../etc/passwd"\r\n\r\nz\r\n`,
      ),
      Buffer.from(`--${BOUNDARY}--`),
    ]);
    expect((await readAll(streamOf(body))).map((p) => p.fileName)).toEqual([
      '台账.xlsx',
      'a"b.pdf',
      '../../etc/passwd',
    ]);
  });

  it('refuses truncated bodies, parts that are not form-data, endless headers and too many parts', async () => {
    const whole = encode([{ name: 'file', fileName: 'a.pdf', data: randomBytes(5000) }]);
    const cases: Array<[Buffer, RegExp, Partial<{ maxParts: number }>?]> = [
      [whole.subarray(0, 3000), /不完整/],
      [Buffer.from('no boundary here at all'), /找不到开始标记/],
      [
        Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: attachment; name="x"\r\n\r\nv\r\n--${BOUNDARY}--`),
        /form-data/,
      ],
      [Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nv\r\n--${BOUNDARY}--`), /缺少字段名/],
      [Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nX: `), Buffer.alloc(40_000, 97)]), /分段头过长/],
      [encode([1, 2, 3].map((n) => ({ name: `f${n}`, data: Buffer.from('v') }))), /最多上传 2 项/, { maxParts: 2 }],
    ];
    for (const [body, message, limits] of cases) {
      const reader = new MultipartReader(streamOf(body, [17]), BOUNDARY, limits);
      const error = await (async () => {
        for await (const part of reader.parts()) for await (const _ of part.body);
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MultipartError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('drains what is left up to a bound, and stops the source beyond it', async () => {
    const body = encode([{ name: 'file', fileName: 'a.bin', data: randomBytes(300_000) }]);
    let cancelled = false;
    const chunks = Array.from({ length: 30 }, (_, i) => body.subarray(i * 10_240, (i + 1) * 10_240));
    const source = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next && next.length > 0) controller.enqueue(next);
          else controller.close();
        },
        cancel() {
          cancelled = true;
        },
      });
    expect(await new MultipartReader(source(), BOUNDARY).drain(100_000)).toBe(false);
    expect(cancelled).toBe(true);
    chunks.splice(0, chunks.length, body);
    expect(await new MultipartReader(source(), BOUNDARY).drain(1_000_000)).toBe(true);
  });
});
