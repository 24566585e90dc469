import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { storeForEachTest } from './evidence-fixtures';

const MB = 1024 * 1024;
const temp = storeForEachTest();

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const mode = (file: string) => statSync(file).mode & 0o777;
const incoming = () => readdirSync(path.join(temp.storage.root, 'incoming'));
async function listed() {
  const files = [];
  for await (const file of temp.storage.list()) files.push(file);
  return files;
}

/** `count` chunks of `size` bytes, counting how many were pulled and whether the source was ended. */
function countingSource(count: number, size: number) {
  const state = { pulled: 0, ended: false };
  async function* chunks() {
    try {
      for (; state.pulled < count;) {
        state.pulled++;
        yield randomBytes(size);
      }
    } finally {
      state.ended = true;
    }
  }
  return { state, stream: Readable.from(chunks()) };
}

describe('put and get', () => {
  it('stores content under files/ab/cd/<sha256>, private to the app, and gives it back byte for byte', async () => {
    const data = randomBytes(300_000);
    const stored = await temp.storage.put(data);
    expect(stored).toEqual({ ok: true, sha256: sha256(data), size: data.length });
    const file = path.join(temp.dir, 'files', sha256(data).slice(0, 2), sha256(data).slice(2, 4), sha256(data));
    expect(readFileSync(file).equals(data)).toBe(true);
    expect(mode(file)).toBe(0o600);
    for (const dir of [
      temp.storage.root,
      path.dirname(file),
      path.dirname(path.dirname(file)),
      path.join(temp.storage.root, 'incoming'),
    ]) {
      expect(mode(dir)).toBe(0o700);
    }
    expect((await buffer((await temp.storage.get(sha256(data)))!)).equals(data)).toBe(true);
    expect(await temp.storage.exists(sha256(data))).toBe(true);
    expect(incoming()).toEqual([]);
  });

  it('takes Node streams and web streams chunk by chunk', async () => {
    const chunks = [randomBytes(70_000), randomBytes(1), randomBytes(200_000)];
    const whole = Buffer.concat(chunks);
    expect(await temp.storage.put(Readable.from(chunks))).toMatchObject({
      ok: true,
      sha256: sha256(whole),
      size: whole.length,
    });
    const web = new Blob(chunks).stream();
    expect(await temp.storage.put(web)).toMatchObject({ ok: true, sha256: sha256(whole) });
  });

  it('keeps one file for identical uploads, and renews its age', async () => {
    const data = Buffer.from('出勤台账');
    const first = await temp.storage.put(data);
    const file = temp.storage.pathOf(sha256(data));
    utimesSync(file, new Date('2020-01-01'), new Date('2020-01-01'));
    const second = await temp.storage.put(Readable.from([data.subarray(0, 3), data.subarray(3)]));
    expect(second).toEqual(first);
    expect((await listed()).map((f) => f.sha256)).toEqual([sha256(data)]);
    expect(statSync(file).mtime.getFullYear()).toBeGreaterThanOrEqual(new Date().getFullYear());
  });

  it('says null for content it does not hold, and refuses names that are not a sha256', async () => {
    expect(await temp.storage.get('0'.repeat(64))).toBeNull();
    expect(await temp.storage.exists('0'.repeat(64))).toBe(false);
    for (const name of ['../../etc/passwd', 'A'.repeat(64), '0'.repeat(63), `${'0'.repeat(64)}/..`]) {
      await expect(temp.storage.get(name)).rejects.toThrow('not a sha256');
      await expect(temp.storage.exists(name)).rejects.toThrow('not a sha256');
    }
  });
});

describe('the size limit, enforced while streaming', () => {
  it('stops reading a 21 MB upload at the first byte over 20 MB and leaves nothing behind', async () => {
    const { state, stream } = countingSource(21, MB);
    expect(await temp.storage.put(stream, { maxBytes: 20 * MB })).toEqual({
      ok: false,
      reason: 'too-large',
      limitBytes: 20 * MB,
    });
    expect(state).toEqual({ pulled: 21, ended: true });
    expect(stream.destroyed).toBe(true);
    expect(await listed()).toEqual([]);
    expect(incoming()).toEqual([]);
  });

  it('cancels a web stream (a request body) at the first byte over the limit', async () => {
    const state = { pulled: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        state.pulled++;
        controller.enqueue(randomBytes(MB));
      },
      cancel() {
        state.cancelled = true;
      },
    });
    expect(await temp.storage.put(body, { maxBytes: 3 * MB })).toMatchObject({ ok: false, reason: 'too-large' });
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(6);
    expect(incoming()).toEqual([]);
  });

  it('accepts an upload of exactly the limit', async () => {
    const { stream } = countingSource(4, MB);
    expect(await temp.storage.put(stream, { maxBytes: 4 * MB })).toMatchObject({ ok: true, size: 4 * MB });
  });
});

describe('the accept check before the content takes its place', () => {
  it('sees the complete local copy, and a refusal leaves nothing behind', async () => {
    const data = randomBytes(10_000);
    const seen: Buffer[] = [];
    const refused = await temp.storage.put(data, {
      accept: async (local, stored) => {
        seen.push(readFileSync(local));
        expect(stored).toEqual({ sha256: sha256(data), size: data.length });
        return false;
      },
    });
    expect(refused).toEqual({ ok: false, reason: 'not-accepted' });
    expect(seen[0].equals(data)).toBe(true);
    expect(await temp.storage.exists(sha256(data))).toBe(false);
    expect(incoming()).toEqual([]);
    expect(await temp.storage.put(data, { accept: async () => true })).toMatchObject({ ok: true });
  });

  it('removes the incomplete upload when the source fails midway', async () => {
    async function* failing() {
      yield randomBytes(1000);
      throw new Error('connection reset');
    }
    await expect(temp.storage.put(Readable.from(failing()))).rejects.toThrow('connection reset');
    expect(incoming()).toEqual([]);
    expect(await listed()).toEqual([]);
  });
});

describe('delete, list and incomplete uploads', () => {
  it('deletes only content not written after unmodifiedSince', async () => {
    const { sha256: name } = (await temp.storage.put(Buffer.from('a'))) as { sha256: string };
    const hourAgo = new Date(Date.now() - 3_600_000);
    expect(await temp.storage.delete(name, { unmodifiedSince: hourAgo })).toBe(false);
    utimesSync(temp.storage.pathOf(name), new Date(hourAgo.getTime() - 1000), new Date(hourAgo.getTime() - 1000));
    expect(await temp.storage.delete(name, { unmodifiedSince: hourAgo })).toBe(true);
    expect(await temp.storage.delete(name)).toBe(false);
    expect(await temp.storage.exists(name)).toBe(false);
  });

  it('lists every stored file with its size and age, and nothing else in the folder', async () => {
    const a = randomBytes(10);
    const b = randomBytes(20);
    await temp.storage.put(a);
    await temp.storage.put(b);
    writeFileSync(path.join(temp.storage.root, 'README'), 'x');
    mkdirSync(path.join(temp.storage.root, 'zz', 'yy'), { recursive: true });
    writeFileSync(path.join(temp.storage.root, 'zz', 'yy', sha256(a)), 'x');
    const files = await listed();
    expect(files.map(({ sha256, size }) => ({ sha256, size })).sort((x, y) => x.size - y.size)).toEqual([
      { sha256: sha256(a), size: 10 },
      { sha256: sha256(b), size: 20 },
    ]);
    expect(files.every((f) => Date.now() - f.modifiedAt.getTime() < 60_000)).toBe(true);
  });

  it('purges incomplete uploads that began before the given moment', async () => {
    await temp.storage.put(Buffer.from('x'));
    const stale = path.join(temp.storage.root, 'incoming', 'stale.part');
    const fresh = path.join(temp.storage.root, 'incoming', 'fresh.part');
    writeFileSync(stale, 'half');
    writeFileSync(fresh, 'half');
    utimesSync(stale, new Date('2020-01-01'), new Date('2020-01-01'));
    expect(await temp.storage.purgeIncomplete(new Date(Date.now() - 60_000))).toBe(1);
    expect(incoming()).toEqual(['fresh.part']);
  });

  it('makes a files folder that already existed private', async () => {
    mkdirSync(temp.storage.root, { mode: 0o755 });
    chmodSync(temp.storage.root, 0o755);
    await temp.storage.put(Buffer.from('x'));
    expect(mode(temp.storage.root)).toBe(0o700);
  });
});
