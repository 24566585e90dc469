/**
 * npm run bench:evidence [-- --files 9 --mb 20]
 * Starts the app as `npm start` does on a fresh database, then, over HTTP as a browser would: uploads the files
 * one request each (incompressible PDFs of the given size) to one evaluation, downloads each once, and downloads
 * the evaluation's bundle.zip. Prints wall time, throughput and the server's peak memory (all its processes) for
 * each phase: the uploads and the zip stream, so neither may hold a file in memory.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { uploadAs } from '../e2e/support/evidence';
import { apiAs } from '../e2e/support/http';
import { startTestServer } from '../e2e/support/server';
import { pdfFile } from '../tests/evidence-files';

const { values } = parseArgs({
  options: { files: { type: 'string', default: '9' }, mb: { type: 'string', default: '20' } },
});
const files = Number(values.files);
const size = Number(values.mb) * 1024 * 1024;

/** The summed resident memory of a process group, in MB. */
function groupRss(group: number): number {
  const out = execFileSync('ps', ['-o', 'rss=', '-g', String(group)], { encoding: 'utf8' });
  return out.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024;
}

async function measure<T>(
  group: number,
  work: () => Promise<T>,
): Promise<{ seconds: number; peakMb: number; before: number; result: T }> {
  const before = groupRss(group);
  let peakMb = before;
  const timer = setInterval(() => (peakMb = Math.max(peakMb, groupRss(group))), 50);
  const start = performance.now();
  try {
    const result = await work();
    return { seconds: (performance.now() - start) / 1000, peakMb: Math.max(peakMb, groupRss(group)), before, result };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const server = await startTestServer({ EVIDENCE_MAX_FILE_MB: String(values.mb) });
  try {
    const owner = await apiAs(server.url, 'owner1');
    const list = await (await owner.get('/api/years/2024/evaluations')).json();
    const id: number = list.evaluations[0].id;
    const total = (files * size) / 1024 / 1024;
    const payloads = Array.from({ length: files }, (_, i) =>
      Buffer.concat([pdfFile(`bench ${i}`), randomBytes(size - pdfFile(`bench ${i}`).length)]),
    );
    const ids: number[] = [];
    const up = await measure(server.processGroup, async () => {
      for (const [i, buffer] of payloads.entries()) {
        const res = await uploadAs(owner, id, [{ name: `台账${i + 1}.pdf`, mimeType: 'application/pdf', buffer }]);
        if (res.status() !== 201) throw new Error(`upload ${i}: ${res.status()} ${await res.text()}`);
        ids.push((await res.json()).items[0].id);
      }
    });
    const down = await measure(server.processGroup, async () => {
      for (const attachment of ids) {
        const res = await owner.get(`/api/attachments/${attachment}`);
        if ((await res.body()).length !== size) throw new Error('short download');
      }
    });
    const zip = await measure(server.processGroup, async () => {
      const res = await owner.get(`/api/evaluations/${id}/bundle.zip`);
      return (await res.body()).length;
    });
    const row = (what: string, m: { seconds: number; peakMb: number; before: number }, mb: number) =>
      console.log(
        `${what.padEnd(22)} ${m.seconds.toFixed(2).padStart(6)} s  ${(mb / m.seconds).toFixed(0).padStart(4)} MB/s  server RSS ${m.before.toFixed(0)} → peak ${m.peakMb.toFixed(0)} MB`,
      );
    console.log(`${files} files of ${values.mb} MB (${total} MB) on one evaluation, one request each`);
    row('upload', up, total);
    row('download', down, total);
    row(`bundle.zip (${(zip.result / 1024 / 1024).toFixed(0)} MB)`, zip, zip.result / 1024 / 1024);
  } finally {
    await server.stop();
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
