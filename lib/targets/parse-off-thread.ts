import { Worker } from 'node:worker_threads';
import { parseTargetSource, type SourceOutcome } from './source';
import type { ParsedProject, TableWarning } from './parse-target-table';

/**
 * The worker's heap: far above what a source within the import limits needs, so that a source that
 * still explodes ends the worker, never the server.
 */
const WORKER_HEAP_MB = 768;
/** A parse that has not answered by then is ended: 8 MB of the worst text takes about a second. */
const WORKER_TIMEOUT_MS = 60_000;

/**
 * What the worker posts: the table's projects and warnings a batch at a time, then the outcome without
 * them, the next piece only when this thread asks for it. One message of thousands of projects takes
 * the server's thread a second to receive (structured clone), and so do many sent at once (a port
 * delivers all it holds in one turn); one piece per turn lets other requests run in between.
 */
export type WorkerMessage =
  | { kind: 'projects'; items: ParsedProject[] }
  | { kind: 'warnings'; items: TableWarning[] }
  | { kind: 'done'; outcome: SourceOutcome };

const refusedForResources = (detail: string): SourceOutcome => ({
  ok: false,
  refusal: { limit: 'resources', actual: 0, message: `目标表解析时${detail}，未导入` },
});

/**
 * parseTargetSource in a worker thread: a large text or workbook is read (seconds of CPU, hundreds of MB)
 * while the server goes on answering every other request. Outside Next's server (the command line, the
 * unit tests) there is no bundled worker to start and no one else to serve: it parses in this thread.
 */
export function parseTargetSourceOffThread(source: {
  format: 'text' | 'xlsx';
  content: string;
}): Promise<SourceOutcome> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return parseTargetSource(source);
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), {
      workerData: source,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const projects: ParsedProject[] = [];
    const warnings: TableWarning[] = [];
    const settle = (outcome: SourceOutcome) => {
      clearTimeout(timer);
      resolve(outcome);
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(refusedForResources('超过了时间上限')), WORKER_TIMEOUT_MS);
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'done')
        return settle(
          message.outcome.ok ? { ok: true, table: { ...message.outcome.table, projects, warnings } } : message.outcome,
        );
      if (message.kind === 'projects') projects.push(...message.items);
      else warnings.push(...message.items);
      setImmediate(() => worker.postMessage('next'));
    });
    worker.once('error', (error) => {
      console.error('target table worker failed', error);
      settle(refusedForResources('超出了内存上限或意外中止'));
    });
    worker.once('exit', () => settle(refusedForResources('意外中止')));
  });
}
