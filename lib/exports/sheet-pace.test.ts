import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { keepPace } from './sheet-pace';

// Rows that do not compress (a hex text each): what waits in the streams is what was written.
const ROWS = 80_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes a sheet of ROWS rows into an output nobody reads yet; `paced` waits as the year workbook does. */
function writeSheet(paced: boolean) {
  const output = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('指标明细');
  const state = { written: 0 };
  const done = (async () => {
    for (; state.written < ROWS; state.written++) {
      ws.addRow([state.written, randomBytes(64).toString('hex'), '产出指标', '≥95%', 96.5]).commit();
      if (state.written % 500 === 0) {
        if (paced) await keepPace(ws, output);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    ws.commit();
    await wb.commit();
  })();
  return { output, state, done };
}

describe('keepPace (the streamed year workbook)', () => {
  it('holds a sheet back while its output is not read, and writes it whole once it is', async () => {
    const { output, state, done } = writeSheet(true);
    // Nobody reads: the writer stops once the streams between it and the output are full (a few MB),
    // instead of piling the whole sheet up in memory.
    let before = -1;
    while (state.written !== before) {
      before = state.written;
      await pause(300);
    }
    expect(state.written).toBeLessThan(ROWS / 2);
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    await done;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('指标明细')!.rowCount).toBe(ROWS);
  });

  it('(the check itself) without it, the whole sheet is written while nobody reads', async () => {
    const { output, state, done } = writeSheet(false);
    for (const started = Date.now(); state.written < ROWS && Date.now() - started < 20_000;) await pause(100);
    expect(state.written).toBe(ROWS);
    output.resume();
    await done;
  });
});
