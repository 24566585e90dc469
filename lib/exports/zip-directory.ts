import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';

/**
 * The archive's central directory, kept out of memory. A zip writer must keep one record per written file until
 * the end, where the directory goes: yazl keeps its whole Entry objects, about 0.4 kB of heap each, and looks
 * through all of them from the first for the next one to write, at every step. The writer instead hands each
 * written entry's record here and drops the entry. Records collect in a 64 kB chunk and full chunks go to a temp
 * file (so only archives past ~500 files ever make one), read back in order at the end.
 */
export class CentralDirectory {
  /** Records added, and their total size in bytes: what the end of the central directory states. */
  count = 0;
  size = 0;
  private chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  private used = 0;
  private spool?: { dir: string; file: string; out: WriteStream };
  private failure: Error | undefined;

  add(record: Buffer): void {
    this.count++;
    this.size += record.length;
    if (this.used + record.length > this.chunk.length) this.spill();
    if (record.length > this.chunk.length) return this.write(record);
    record.copy(this.chunk, this.used);
    this.used += record.length;
  }

  /** Waits while the disk catches up (back-pressure); throws what failed there. */
  async settled(): Promise<void> {
    const out = this.spool?.out;
    if (out?.writableNeedDrain && !this.failure) await once(out, 'drain');
    if (this.failure) throw this.failure;
  }

  /** The records in the order added, in chunks (call once, after the last add). */
  async *chunks(): AsyncGenerator<Buffer> {
    if (this.spool) {
      const { out, file } = this.spool;
      out.end();
      await finished(out);
      for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) yield chunk as Buffer;
    }
    if (this.used > 0) yield this.chunk.subarray(0, this.used);
  }

  /** Deletes the temp file, if one was made (always call, also after a failure). */
  dispose(): void {
    if (!this.spool) return;
    this.spool.out.destroy();
    rmSync(this.spool.dir, { recursive: true, force: true });
  }

  private spill(): void {
    if (this.used === 0) return;
    this.write(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    this.used = 0;
  }

  private write(bytes: Buffer): void {
    if (!this.spool) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-zip-'));
      const file = path.join(dir, 'central-directory');
      const out = createWriteStream(file, { mode: 0o600 });
      // once(out, 'drain') rejects on an error as well; this keeps it for settled() and chunks().
      out.on('error', (error) => (this.failure ??= error));
      this.spool = { dir, file, out };
    }
    this.spool.out.write(bytes);
  }
}

const CHUNK_BYTES = 64 * 1024;

/**
 * The end of central directory record (APPNOTE 4.3.16), with the ZIP64 end record and locator before it
 * (4.3.14, 4.3.15) when the count, the size or the offset does not fit the classic fields: an archive of a
 * year's 自评表 passes 65,535 files and 4 GB. As yazl writes it, without an archive comment.
 */
export function endOfCentralDirectory({
  count,
  size,
  offset,
}: {
  count: number;
  size: number;
  offset: number;
}): Buffer {
  const zip64 = count >= 0xffff || size >= 0xffffffff || offset >= 0xffffffff;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(Math.min(size, 0xffffffff), 12);
  end.writeUInt32LE(Math.min(offset, 0xffffffff), 16);
  if (!zip64) return end;

  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(BigInt(56 - 12), 4);
  record.writeUInt16LE(VERSION_MADE_BY, 12);
  record.writeUInt16LE(VERSION_NEEDED_ZIP64, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(size), 40);
  record.writeBigUInt64LE(BigInt(offset), 48);

  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  // The ZIP64 end record starts right after the central directory.
  locator.writeBigUInt64LE(BigInt(offset + size), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
}

/** yazl's: made by Unix (3), spec 6.3; ZIP64 needs 4.5 to extract. */
const VERSION_MADE_BY = (3 << 8) | 63;
const VERSION_NEEDED_ZIP64 = 45;
