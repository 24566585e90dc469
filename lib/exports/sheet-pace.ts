import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';

/**
 * A stream as far as pacing needs it: how much it holds unsent, and its events. exceljs's zip
 * (archiver 5) pipes through readable-stream 2, which has no `writableLength`: its state says it.
 */
interface Paced {
  writableLength?: number;
  writableHighWaterMark?: number;
  _writableState?: { length: number; highWaterMark: number };
  destroyed?: boolean;
  on(event: string, listener: () => void): unknown;
  removeListener(event: string, listener: () => void): unknown;
}

function behind(s: Paced): boolean {
  const held = s.writableLength ?? s._writableState?.length ?? 0;
  const mark = s.writableHighWaterMark ?? s._writableState?.highWaterMark ?? 16_384;
  return !s.destroyed && held > mark;
}

/** Resolves on the stream's 'drain' (or its end), leaving no listener behind. */
function drained(s: Paced): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ['drain', 'close', 'error']) s.removeListener(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) s.on(event, done);
  });
}

/**
 * The compressor a streamed sheet's XML goes into. exceljs's sheet stream hands each 64 kB to the zip
 * archive without waiting (exceljs 4.4.0, `StreamBuf` in batch mode: its `pipes`), so a producer that
 * does not wait piles the sheet up in memory ahead of the compressor: 1.3 GB at 200,000 projects.
 */
function compressorsOf(ws: ExcelJS.Worksheet): Paced[] {
  return (ws as unknown as { stream?: { pipes?: Paced[] } }).stream?.pipes ?? [];
}

/**
 * Waits while what a streamed sheet wrote has not moved on: its compressor's input, then the
 * workbook's output (a slow download holds its bytes there). Called every few hundred rows, it bounds
 * the memory of a sheet of any length.
 */
export async function keepPace(ws: ExcelJS.Worksheet, output: Writable): Promise<void> {
  for (const s of [...compressorsOf(ws), output as Paced]) while (behind(s)) await drained(s);
}
