import { Worker } from 'node:worker_threads';
import { jobOf, type JobInput, type JobName, type JobOutcome } from './jobs';
import { joinPieces, type Piece } from './pieces';

/**
 * The worker's heap: far above what a source within the import limits needs, so that a source that
 * still explodes ends the worker, never the server.
 */
const WORKER_HEAP_MB = 768;
/** A read that has not answered by then is ended: 8 MB of the worst text takes about a second. */
const WORKER_TIMEOUT_MS = 60_000;

/**
 * What the worker posts: the outcome's long lists a piece at a time (pieces.ts), then the outcome
 * without them, the next piece only when this thread asks for it. Many pieces sent at once would be
 * delivered in one turn (a port hands over all it holds); one per turn lets other requests run between.
 */
export type WorkerMessage = { kind: 'piece'; piece: Piece } | { kind: 'done'; skeleton: unknown };

/**
 * One of the import reads (jobs.ts: the target table, the entry workbook, the treasury file) in a worker
 * thread: a large text or workbook is read (seconds of CPU, hundreds of MB) while the server goes on
 * answering every other request. Outside Next's server (the command line, the unit tests) there is no
 * bundled worker to start and no one else to serve: it reads in this thread.
 */
export function runOffThread<Name extends JobName>(name: Name, input: JobInput<Name>): Promise<JobOutcome<Name>> {
  const job = jobOf(name);
  if (process.env.NEXT_RUNTIME !== 'nodejs') return job.run(input);
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), {
      workerData: { name, input },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const pieces: Piece[] = [];
    const settle = (outcome: JobOutcome<Name>) => {
      clearTimeout(timer);
      resolve(outcome);
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(job.failed('超过了时间上限')), WORKER_TIMEOUT_MS);
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'done') return settle(joinPieces(message.skeleton, pieces));
      pieces.push(message.piece);
      setImmediate(() => worker.postMessage('next'));
    });
    worker.once('error', (error) => {
      console.error(`import worker (${name}) failed`, error);
      settle(job.failed('超出了内存上限或意外中止'));
    });
    worker.once('exit', () => settle(job.failed('意外中止')));
  });
}
