import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Lines kept on disk in the order they were written, read back once, then deleted: how the year
 * workbook reads and scores the year once although exceljs's streaming writer writes its sheets one
 * after the other (指标明细's lines wait here while 汇总 is written). Memory holds one chunk at a time.
 */
export class LineSpool<T> {
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-export-'));
  private readonly file = path.join(this.dir, 'lines.ndjson');
  private readonly out = createWriteStream(this.file, { mode: 0o600 });
  private pending = '';

  add(value: T) {
    this.pending += `${JSON.stringify(value)}\n`;
  }

  /** Writes what was added since the last flush, waiting while the disk catches up. */
  async flush() {
    const chunk = this.pending;
    this.pending = '';
    if (chunk && !this.out.write(chunk)) await once(this.out, 'drain');
  }

  /** Every line, in order (call once, after the last add). */
  async *read(): AsyncGenerator<T> {
    await this.flush();
    this.out.end();
    await once(this.out, 'close');
    const lines = createInterface({ input: createReadStream(this.file), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as T;
  }

  /** Deletes the file (always call, also after a failure). */
  dispose() {
    this.out.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
