import { describe, expect, it } from 'vitest';
import { LineSpool } from './line-spool';

describe('LineSpool', () => {
  it('gives back every value in order, whatever was flushed when', async () => {
    const spool = new LineSpool<{ n: number; text: string }>();
    try {
      const written = Array.from({ length: 1000 }, (_, n) => ({ n, text: '指标'.repeat(n % 7) }));
      for (const [i, value] of written.entries()) {
        spool.add(value);
        if (i % 97 === 0) await spool.flush();
      }
      const read = [];
      for await (const value of spool.read()) read.push(value);
      expect(read).toEqual(written);
    } finally {
      spool.dispose();
    }
  });

  it('reads nothing back when nothing was added', async () => {
    const spool = new LineSpool<number>();
    try {
      const read = [];
      for await (const value of spool.read()) read.push(value);
      expect(read).toEqual([]);
    } finally {
      spool.dispose();
    }
  });
});
