/**
 * A streaming reader of multipart/form-data request bodies (RFC 7578): the parts one after the other, each file's
 * bytes as they arrive, so that an upload flows into the evidence store without being held in memory (the
 * runtime's Request.formData() buffers every file whole). Bounded: so many parts, so many header bytes a part.
 */

export class MultipartError extends Error {}

export interface MultipartPart {
  /** The form field's name. */
  name: string;
  /** The file's name as the client sent it (untrusted text); null for a plain field. */
  fileName: string | null;
  /** The part's bytes: read them to the end, or stop early (the reader then skips the rest). */
  body: AsyncIterable<Uint8Array>;
}

export interface MultipartLimits {
  maxParts: number;
  maxHeaderBytes: number;
}

const DEFAULT_LIMITS: MultipartLimits = { maxParts: 50, maxHeaderBytes: 16 * 1024 };
const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');

/** The boundary of a `multipart/form-data; boundary=…` content type; null for any other type. */
export function boundaryOf(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : null;
}

export type BodySource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Reads one body. `parts()` yields each part once the previous one has been read or left; `drain()` reads and
 * discards what is left (up to a bound), so that a refusal can be answered after the client has finished sending.
 */
export class MultipartReader {
  private buffer: Buffer = Buffer.alloc(0);
  private ended = false;
  private readonly source: AsyncIterator<Uint8Array>;
  private readonly delimiter: Buffer;
  private readonly limits: MultipartLimits;

  constructor(body: BodySource, boundary: string, limits: Partial<MultipartLimits> = {}) {
    this.source = iteratorOf(body);
    // The body is read as if it began with CRLF, so every delimiter, the first one too, is CRLF "--" boundary.
    this.buffer = Buffer.from(CRLF);
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  async *parts(): AsyncGenerator<MultipartPart> {
    await this.skipPast(this.delimiter, { what: '开始标记', maxBytes: this.limits.maxHeaderBytes });
    for (let count = 0; ; count++) {
      await this.need(2);
      if (this.buffer[0] === 0x2d && this.buffer[1] === 0x2d) return;
      if (count >= this.limits.maxParts) throw new MultipartError(`一次最多上传 ${this.limits.maxParts} 项内容`);
      const headerText = await this.readUntil(HEADERS_END, this.limits.maxHeaderBytes + 2);
      const part = parsePartHeaders(headerText.replace(/^[ \t]*\r\n/, ''));
      let finished = false;
      const body = this.partBody(() => (finished = true));
      yield { ...part, body };
      if (!finished) await this.skipPast(this.delimiter, { what: '内容' });
    }
  }

  /** Reads and discards the rest of the body, at most `maxBytes`; true when the end was reached. */
  async drain(maxBytes: number): Promise<boolean> {
    let read = this.buffer.length;
    this.buffer = Buffer.alloc(0);
    while (read <= maxBytes) {
      const next = await this.source.next();
      if (next.done) return true;
      read += next.value.byteLength;
    }
    await this.source.return?.();
    return false;
  }

  private async *partBody(onEnd: () => void): AsyncGenerator<Uint8Array> {
    const keep = this.delimiter.length - 1;
    for (;;) {
      const at = this.buffer.indexOf(this.delimiter);
      if (at >= 0) {
        const last = this.buffer.subarray(0, at);
        this.buffer = this.buffer.subarray(at + this.delimiter.length);
        onEnd();
        if (last.length > 0) yield last;
        return;
      }
      // Everything but a tail that could be the start of the delimiter is content.
      if (this.buffer.length > keep) {
        const content = this.buffer.subarray(0, this.buffer.length - keep);
        this.buffer = this.buffer.subarray(this.buffer.length - keep);
        yield content;
      }
      if (!(await this.fill())) throw new MultipartError('上传内容不完整（连接中断或格式有误）');
    }
  }

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.source.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buffer = this.buffer.length === 0 ? Buffer.from(next.value) : Buffer.concat([this.buffer, next.value]);
    return true;
  }

  private async need(bytes: number): Promise<void> {
    while (this.buffer.length < bytes) {
      if (!(await this.fill())) throw new MultipartError('上传内容不完整（连接中断或格式有误）');
    }
  }

  /** The text before `marker` (consumed with it), refused beyond `maxBytes`. */
  private async readUntil(marker: Buffer, maxBytes: number): Promise<string> {
    for (;;) {
      const at = this.buffer.indexOf(marker);
      if (at >= 0 && at <= maxBytes) {
        const text = this.buffer.subarray(0, at).toString('utf8');
        this.buffer = this.buffer.subarray(at + marker.length);
        return text;
      }
      if (this.buffer.length > maxBytes + marker.length) throw new MultipartError('上传内容的分段头过长');
      if (!(await this.fill())) throw new MultipartError('上传内容不完整（连接中断或格式有误）');
    }
  }

  private async skipPast(marker: Buffer, { what, maxBytes = Infinity }: { what: string; maxBytes?: number }) {
    let skipped = 0;
    for (;;) {
      const at = this.buffer.indexOf(marker);
      if (at >= 0) {
        this.buffer = this.buffer.subarray(at + marker.length);
        return;
      }
      const drop = Math.max(0, this.buffer.length - (marker.length - 1));
      skipped += drop;
      this.buffer = this.buffer.subarray(drop);
      if (skipped > maxBytes) throw new MultipartError(`上传内容格式有误（找不到${what}）`);
      if (!(await this.fill())) throw new MultipartError(`上传内容格式有误（找不到${what}）`);
    }
  }
}

function parsePartHeaders(text: string): Pick<MultipartPart, 'name' | 'fileName'> {
  const disposition = text
    .split('\r\n')
    .find((line) => /^content-disposition\s*:/i.test(line))
    ?.replace(/^content-disposition\s*:\s*/i, '');
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) {
    throw new MultipartError('上传内容格式有误（每一项须为 form-data）');
  }
  const name = parameter(disposition, 'name');
  if (name === null) throw new MultipartError('上传内容格式有误（缺少字段名）');
  const extended = /;\s*filename\*\s*=\s*utf-8''([^;]*)/i.exec(disposition);
  const fileName = extended ? safeDecode(extended[1]) : parameter(disposition, 'filename');
  return { name, fileName };
}

/** A `key="value"` (or bare `key=value`) parameter; `name` does not match inside `filename`. */
function parameter(header: string, key: string): string | null {
  const match = new RegExp(`(?:^|;)\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(header);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The text of a plain field, refused beyond `maxBytes`. */
export async function fieldText(part: MultipartPart, maxBytes = 200): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of part.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new MultipartError(`字段“${part.name}”过长`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function iteratorOf(body: BodySource): AsyncIterator<Uint8Array> {
  if ('getReader' in body) {
    const reader = body.getReader();
    return {
      next: async () => {
        const read = await reader.read();
        return read.done ? { done: true, value: undefined } : { done: false, value: read.value };
      },
      return: async () => {
        await reader.cancel().catch(() => undefined);
        return { done: true, value: undefined };
      },
    };
  }
  return body[Symbol.asyncIterator]();
}
