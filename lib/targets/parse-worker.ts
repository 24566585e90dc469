/**
 * The worker thread behind parseTargetSourceOffThread (parse-off-thread.ts): parses the one source it
 * was started with, then hands the outcome over in pieces, one each time the server's thread asks for
 * the next (see WorkerMessage). Next's build bundles this file as the worker's entry.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseTargetSource } from './source';
import type { WorkerMessage } from './parse-off-thread';

/** Projects (and warnings) per piece: each is received in a few milliseconds on the server's thread. */
const BATCH = 100;

function* pieces(outcome: Awaited<ReturnType<typeof parseTargetSource>>): Generator<WorkerMessage> {
  if (!outcome.ok) return yield { kind: 'done', outcome };
  const { projects, warnings, ...table } = outcome.table;
  for (let i = 0; i < projects.length; i += BATCH) yield { kind: 'projects', items: projects.slice(i, i + BATCH) };
  for (let i = 0; i < warnings.length; i += BATCH) yield { kind: 'warnings', items: warnings.slice(i, i + BATCH) };
  yield { kind: 'done', outcome: { ok: true, table: { ...table, projects: [], warnings: [] } } };
}

void parseTargetSource(workerData).then((outcome) => {
  const queue = pieces(outcome);
  const next = () => {
    const piece = queue.next();
    if (!piece.done) parentPort!.postMessage(piece.value);
  };
  parentPort!.on('message', next);
  next();
});
