/**
 * The worker thread behind runOffThread (run.ts): runs the one job it was started with, then hands the
 * outcome over in pieces, one each time the server's thread asks for the next (see WorkerMessage).
 * Next's build bundles this file as the worker's entry.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { jobOf, type JobName } from './jobs';
import { inPieces } from './pieces';
import type { WorkerMessage } from './run';

/** Items per piece (projects, rows): each is received in a few milliseconds on the server's thread. */
const BATCH = 100;

const { name, input } = workerData as { name: JobName; input: never };

void jobOf(name)
  .run(input)
  .then((outcome) => {
    const queue = inPieces(outcome, BATCH);
    const next = () => {
      const step = queue.next();
      const message: WorkerMessage = step.done
        ? { kind: 'done', skeleton: step.value }
        : { kind: 'piece', piece: step.value };
      parentPort!.postMessage(message);
    };
    parentPort!.on('message', next);
    next();
  });
