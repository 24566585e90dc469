/**
 * A process that uploads one file into the evidence store of `DATA_DIR` and dies before it would commit the
 * attachment's row: the parent kills it (SIGKILL) when it reports where it stopped.
 *   put <bytes>    stores that many random bytes completely, prints {"stored": sha256}, then waits to be killed
 *   half <bytes>   streams the first half of them, prints {"writing": true}, then waits mid-upload to be killed
 */
import { randomBytes } from 'node:crypto';
import { fsStorageIn } from '../lib/evidence/fs-storage';

const [mode, size] = process.argv.slice(2);
const data = randomBytes(Number(size));
const storage = fsStorageIn(process.env.DATA_DIR!);
const waitForever = () => new Promise<never>(() => setInterval(() => undefined, 60_000));

async function* halfThenStall() {
  yield data.subarray(0, data.length / 2);
  // The store asks for the next chunk only once it has written the one above.
  console.log(JSON.stringify({ writing: true }));
  await waitForever();
}

async function main() {
  if (mode === 'put') {
    const stored = await storage.put(data);
    if (!stored.ok) throw new Error(stored.reason);
    // Here the real upload would commit its row.
    console.log(JSON.stringify({ stored: stored.sha256 }));
    await waitForever();
  }
  await storage.put(halfThenStall());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
