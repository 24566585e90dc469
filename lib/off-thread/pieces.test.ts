import { describe, expect, it } from 'vitest';
import { inPieces, joinPieces, type Piece } from './pieces';

const BATCH = 100;

/** The longest list anywhere inside a value. */
function longestList(value: unknown): number {
  if (Array.isArray(value)) return Math.max(value.length, ...value.map(longestList));
  if (value && typeof value === 'object') return Math.max(0, ...Object.values(value).map(longestList));
  return 0;
}

function split(value: unknown) {
  const queue = inPieces(value, BATCH);
  const pieces: Piece[] = [];
  for (let step = queue.next(); ; step = queue.next()) {
    if (step.done) return { skeleton: step.value, pieces };
    pieces.push(step.value);
  }
}

describe('a worker’s outcome in pieces', () => {
  it('crosses with no message holding a long list, and is put back exactly, lists inside lists included', () => {
    const row = (r: number) => ({ row: r, key: `k${r}`, value: { text: String(r) }, cells: [r, r + 1] });
    const outcome = {
      ok: true,
      sheets: [
        { name: '1 项目', rows: Array.from({ length: 2_345 }, (_, r) => row(r)) },
        { name: '2 项目', rows: [row(1)] },
      ],
      table: {
        year: 2024,
        projects: Array.from({ length: 250 }, (_, p) => ({
          name: `项目${p}`,
          indicators: Array.from({ length: p === 7 ? 130 : 3 }, (_, i) => ({ name: `指标${i}`, points: '10' })),
        })),
        warnings: [],
      },
    };
    const expected = structuredClone(outcome);
    const { skeleton, pieces } = split(outcome);

    expect(longestList(skeleton)).toBeLessThanOrEqual(BATCH);
    for (const piece of pieces) expect(longestList(piece.items)).toBeLessThanOrEqual(BATCH);
    expect(pieces.length).toBe(24 + 2 + 3);
    expect(joinPieces(structuredClone(skeleton), structuredClone(pieces))).toEqual(expected);
    expect(outcome).toEqual(expected);
  });

  it('sends a short outcome whole, and a long list at the top as pieces', () => {
    expect(split({ ok: false, message: '文件是空的' })).toEqual({
      skeleton: { ok: false, message: '文件是空的' },
      pieces: [],
    });
    const list = Array.from({ length: 201 }, (_, i) => i);
    const { skeleton, pieces } = split(list);
    expect([skeleton, pieces.map((p) => p.items.length)]).toEqual([[], [100, 100, 1]]);
    expect(joinPieces(skeleton, pieces)).toEqual(list);
  });
});
