import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transaction } from '@/db';
import { departments } from '@/db/schema';
import { rowsOf, tempDatabase } from './helpers';

let temp: ReturnType<typeof tempDatabase>;
beforeEach(() => {
  temp = tempDatabase();
});
afterEach(() => temp.cleanup());

const names = async () => (await rowsOf(temp.db, departments)).map((d) => d.name);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('transaction() on SQLite', () => {
  it('commits what its work wrote, and rolls all of it back when the work throws', async () => {
    await transaction(temp.db, (tx) => tx.insert(departments).values({ name: 'A' }));
    await expect(
      transaction(temp.db, async (tx) => {
        await tx.insert(departments).values({ name: 'B' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await names()).toEqual(['A']);
  });

  it('a dry run does the work and keeps none of it', async () => {
    const seen = await transaction(
      temp.db,
      async (tx) => {
        await tx.insert(departments).values({ name: 'C' });
        return (await rowsOf(tx, departments)).length;
      },
      { rollback: true },
    );
    expect(seen).toBe(1);
    expect(await names()).toEqual([]);
  });

  it('two transactions never interleave: the second starts when the first has committed', async () => {
    const events: string[] = [];
    const first = transaction(temp.db, async (tx) => {
      events.push('first begins');
      await tx.insert(departments).values({ name: 'first' });
      await pause(30);
      events.push('first ends');
    });
    const second = transaction(temp.db, async (tx) => {
      events.push('second begins');
      events.push(`second sees ${(await rowsOf(tx, departments)).map((d) => d.name).join()}`);
    });
    await Promise.all([first, second]);
    expect(events).toEqual(['first begins', 'first ends', 'second begins', 'second sees first']);
  });

  it('outside a transaction a read sees committed data only, and a write is refused', async () => {
    let during: string[] = [];
    await transaction(temp.db, async (tx) => {
      await tx.insert(departments).values({ name: 'pending' });
      during = await names();
    });
    expect(during).toEqual([]);
    expect(await names()).toEqual(['pending']);
    await expect(temp.db.update(departments).set({ name: 'x' }).where(eq(departments.name, 'pending'))).rejects.toThrow(
      /readonly|read-only|query_only/i,
    );
  });

  it('a transaction started inside another joins it instead of waiting for it', async () => {
    await transaction(temp.db, async (tx) => {
      await tx.insert(departments).values({ name: 'outer' });
      await transaction(tx, (inner) => inner.insert(departments).values({ name: 'inner via tx' }));
      await transaction(temp.db, (inner) => inner.insert(departments).values({ name: 'inner via db' }));
    });
    expect(await names()).toEqual(['outer', 'inner via tx', 'inner via db']);
  });
});
