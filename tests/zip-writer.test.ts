import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { zipStream, zipWebStream, type ZipEntry } from '@/lib/exports/zip';
import { EntryNames } from '@/lib/exports/zip-names';
import { pdfFile, pngFile, tempFolder } from './evidence-fixtures';
import { readZip } from './read-zip';

const folder = tempFolder();
afterAll(folder.cleanup);

/**
 * A full garbage collection on demand (the flag only makes `gc` available to a new context), twice with a pause:
 * V8 frees ArrayBuffers' memory on a background thread, which lags on a loaded machine.
 */
function collector(): () => Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return async () => {
    for (let pass = 0; pass < 2; pass++) {
      await sleep(50);
      gc();
    }
    await sleep(50);
  };
}

/** Writes `count` entries to nowhere, reading `measure()` after a full collection before each entry of `at`. */
async function measuredWhileWriting({
  count,
  at,
  measure,
  entry,
}: {
  count: number;
  at: number[];
  measure: () => number;
  entry: (i: number) => ZipEntry;
}): Promise<number[]> {
  const gc = collector();
  const readings: number[] = [];
  async function* entries(): AsyncIterable<ZipEntry> {
    for (let i = 0; i < count; i++) {
      if (at.includes(i)) {
        await gc();
        readings.push(measure());
      }
      yield entry(i);
    }
  }
  await pipeline(zipStream(entries()), new Writable({ write: (_chunk, _encoding, done) => done() }));
  return readings;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('the zip writer', () => {
  it('writes folders with Chinese names, buffers and streams, read back byte-identical', async () => {
    const contract = pdfFile('合同');
    const photo = pngFile();
    const big = randomBytes(3 * 1024 * 1024);
    const bigFile = path.join(folder.dir, 'big.bin');
    writeFileSync(bigFile, big);
    const mtime = new Date(2024, 11, 31, 16, 30, 10);
    const entries: ZipEntry[] = [
      { path: '项目支出绩效自评表.txt', data: Buffer.from('自评表'.repeat(1000)), mtime },
      { path: '01-委托专业机构检查企业家数/合同.pdf', data: contract, mtime },
      { path: ['02-培训人数/次', '现场照片.png'], data: Readable.from([photo]), mtime },
      { path: '02-培训人数_次/原始数据.bin', data: createReadStream(bigFile), mtime },
    ];
    const target = path.join(folder.dir, 'bundle.zip');
    await pipeline(zipStream(entries), createWriteStream(target));

    const read = await readZip(readFileSync(target));
    expect(read.map((e) => e.name)).toEqual([
      '项目支出绩效自评表.txt',
      '01-委托专业机构检查企业家数/合同.pdf',
      '02-培训人数_次/现场照片.png',
      '02-培训人数_次/原始数据.bin',
    ]);
    expect(read.map((e) => sha256(e.data))).toEqual(
      [Buffer.from('自评表'.repeat(1000)), contract, photo, big].map(sha256),
    );
    expect(read.every((e) => e.utf8Flag)).toBe(true);
    expect(read.every((e) => Math.abs(e.mtime.getTime() - mtime.getTime()) <= 2000)).toBe(true);
    // Text is deflated; a PDF or an image, compressed already, is stored.
    expect(read.map((e) => e.method)).toEqual([8, 0, 0, 8]);
  });

  it('makes every entry name safe and unique', async () => {
    const entry = (p: ZipEntry['path']): ZipEntry => ({ path: p, data: Buffer.from(String(p)) });
    const zip = await buffer(
      zipStream([
        entry('../../etc/passwd'),
        entry('/abs/名单.pdf'),
        entry('C:\\Windows\\system32\\x.pdf'),
        entry('01-行/./../合同.pdf'),
        entry('01-行/合同.pdf'),
        entry('01-行/合同.PDF'),
        entry('01-行/CON'),
        entry('01-行/'),
        entry(['..', '..', 'x.pdf']),
      ]),
    );
    const names = (await readZip(zip)).map((e) => e.name);
    expect(names).toEqual([
      'etc/passwd',
      'abs/名单.pdf',
      'C_/Windows/system32/x.pdf',
      '01-行/合同.pdf',
      '01-行/合同 (2).pdf',
      '01-行/合同 (3).PDF',
      '01-行/_CON',
      '01-行/未命名',
      'x.pdf',
    ]);
  });

  it('writes an archive past 65,535 files: the directory spooled to disk, read back whole (ZIP64 end)', async () => {
    const count = 0xffff + 100;
    function* entries(): Iterable<ZipEntry> {
      for (let i = 0; i < count; i++) yield { path: ['部门', `${i}.txt`], data: Buffer.from(String(i)) };
    }
    const file = await yauzl.fromBufferPromise(await buffer(zipStream(entries())), { lazyEntries: true });
    // The count comes from the ZIP64 end record: the classic field says 0xffff.
    expect(file.entryCount).toBe(count);
    const read: yauzl.Entry[] = [];
    await new Promise<void>((resolve, reject) => {
      file.on('entry', (entry: yauzl.Entry) => {
        read.push(entry);
        file.readEntry();
      });
      file.once('end', resolve);
      file.once('error', reject);
      file.readEntry();
    });
    expect(read.map((entry) => entry.fileName)).toEqual(Array.from({ length: count }, (_, i) => `部门/${i}.txt`));
    const last = await buffer(await file.openReadStreamPromise(read[count - 1]));
    expect(last.toString()).toBe(String(count - 1));
  }, 120_000);

  it('tells a name taken from a new one among many, ignoring case', () => {
    const names = new EntryNames();
    for (let i = 0; i < 5000; i++) expect(names.take(`部门/${i} 合同.PDF`)).toBe(`部门/${i} 合同.PDF`);
    expect(names.take('部门/17 合同.pdf')).toBe('部门/17 合同 (2).pdf');
    expect(names.take('部门/17 合同.pdf')).toBe('部门/17 合同 (3).pdf');
  });

  it('serves a web stream for a route Response', async () => {
    const response = new Response(zipWebStream([{ path: '佐证/说明.txt', data: Buffer.from('稳岗率统计') }]));
    const read = await readZip(Buffer.from(await response.arrayBuffer()));
    expect(read.map((e) => [e.name, e.data.toString()])).toEqual([['佐证/说明.txt', '稳岗率统计']]);
  });
});

describe('back-pressure', () => {
  it('pulls entries only as fast as the reader reads the archive', async () => {
    let pulled = 0;
    async function* entries(): AsyncIterable<ZipEntry> {
      for (let i = 0; i < 40; i++) {
        pulled++;
        yield { path: `${i}.bin`, data: randomBytes(1024 * 1024), compress: false };
      }
    }
    const reader = zipStream(entries())[Symbol.asyncIterator]();
    let bytes = ((await reader.next()).value as Buffer).length;
    await sleep(300);
    // The entry being written and the next one: not the 40 MB archive.
    expect(pulled).toBeLessThanOrEqual(3);
    for (let chunk = await reader.next(); !chunk.done; chunk = await reader.next()) bytes += chunk.value.length;
    expect(pulled).toBe(40);
    expect(bytes).toBeGreaterThan(40 * 1024 * 1024);
  });

  it('lets go of each entry once written: a long archive holds no more than the last few', async () => {
    const gc = collector();
    const written: Array<WeakRef<Buffer>> = [];
    let heldMidway = -1;
    async function* entries(): AsyncIterable<ZipEntry> {
      for (let i = 0; i < 60; i++) {
        if (i === 50) {
          await gc();
          heldMidway = written.filter((ref) => ref.deref() !== undefined).length;
        }
        const data = randomBytes(256 * 1024);
        written.push(new WeakRef(data));
        yield { path: `${i}.bin`, data, compress: false };
      }
    }
    await pipeline(zipStream(entries()), new Writable({ write: (_chunk, _encoding, done) => done() }));
    // Of the 50 entries pulled by then, only the one being written and the next may still be reachable.
    expect(heldMidway).toBeGreaterThanOrEqual(0);
    expect(heldMidway).toBeLessThanOrEqual(3);
  });

  it('keeps no more than each name of the entries it wrote (no 8 KB Buffer slab per entry)', async () => {
    const held = await measuredWhileWriting({
      count: 3000,
      at: [200, 2999],
      measure: () => process.memoryUsage().arrayBuffers,
      // As a workbook is built: many small Buffers, cut out of Node's shared slabs.
      entry: (i) => {
        const pieces = Array.from({ length: 200 }, (_, k) => Buffer.from(`<c r="A${k}">${i}</c>`));
        return { path: `部门/${i} 项目.xlsx`, data: Buffer.concat(pieces), compress: false };
      },
    });
    // 2,800 entries later: their names (about 80 kB), not 2,800 slabs of 8 KB (22 MB).
    expect(held[1] - held[0]).toBeLessThan(8 * 1024 * 1024);
  });

  it('keeps under 1 kB of heap an entry for its central directory, whatever the number of entries', async () => {
    const heap = await measuredWhileWriting({
      count: 10_000,
      at: [1000, 9999],
      measure: () => process.memoryUsage().heapUsed,
      entry: (i) => ({ path: ['部门', `${i} 项目名称.xlsx`], data: Buffer.alloc(64), compress: false }),
    });
    // yazl's entry and the name (about 0.4 kB); each entry's wait and data pump kept as well were 1.5 kB more.
    expect(heap[1] - heap[0]).toBeLessThan(9000 * 1024);
  });

  it('reads a large entry only as fast as the reader reads, through the web stream too', async () => {
    let produced = 0;
    const source = new Readable({
      read() {
        produced += 64 * 1024;
        this.push(produced > 64 * 1024 * 1024 ? null : randomBytes(64 * 1024));
      },
    });
    const reader = zipWebStream([{ path: 'big.bin', data: source, compress: false }]).getReader();
    await reader.read();
    await sleep(300);
    expect(produced).toBeLessThan(4 * 1024 * 1024);
    await reader.cancel();
    await sleep(50);
    expect(source.destroyed).toBe(true);
  });
});

describe('failures and cancellation', () => {
  it('fails the archive when an entry fails', async () => {
    async function* failing() {
      yield Buffer.from('half');
      throw new Error('disk read error');
    }
    const zip = zipStream([
      { path: 'a.txt', data: Buffer.from('a') },
      { path: 'b.txt', data: Readable.from(failing()) },
    ]);
    await expect(buffer(zip)).rejects.toThrow('disk read error');
  });

  it('fails the archive when the entries cannot be read', async () => {
    async function* entries(): AsyncIterable<ZipEntry> {
      yield { path: 'a.txt', data: Buffer.from('a') };
      throw new Error('database gone');
    }
    await expect(buffer(zipStream(entries()))).rejects.toThrow('database gone');
  });

  it('stops reading entries and closes the open one when the download is cancelled', async () => {
    let finished = false;
    const streams: Readable[] = [];
    async function* entries(): AsyncIterable<ZipEntry> {
      try {
        for (let i = 0; i < 100; i++) {
          const data = Readable.from(
            (function* () {
              for (let k = 0; k < 64; k++) yield randomBytes(64 * 1024);
            })(),
          );
          streams.push(data);
          yield { path: `${i}.bin`, data, compress: false };
        }
      } finally {
        finished = true;
      }
    }
    const zip = zipStream(entries());
    await new Promise((resolve) => zip.once('readable', resolve));
    zip.destroy();
    await sleep(100);
    expect(finished).toBe(true);
    expect(streams.length).toBeLessThanOrEqual(3);
    expect(streams.every((s) => s.destroyed)).toBe(true);
  });
});
