import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase } from '@/db';
import { tempDatabase } from '@/tests/helpers';
import { checkHealth } from './health';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('checkHealth', () => {
  it('reports a reachable database and the disk, with the free bytes only when detailed', async () => {
    const temp = await tempDatabase();
    cleanup = temp.cleanup;
    const anonymous = await checkHealth(temp.db, { dataDir: temp.dir, detailed: false });
    expect(anonymous).toEqual({ ok: true, database: 'ok', disk: 'ok' });
    const detailed = await checkHealth(temp.db, { dataDir: temp.dir, detailed: true });
    expect(detailed.freeDiskBytes).toBeGreaterThan(0);
  });

  it('answers not ok when the database cannot be reached', async () => {
    const temp = await tempDatabase();
    await closeDatabase(temp.db);
    cleanup = () => rmSync(temp.dir, { recursive: true, force: true });
    const health = await checkHealth(temp.db, { dataDir: temp.dir, detailed: false });
    expect(health).toMatchObject({ ok: false, database: 'unreachable' });
  });
});
