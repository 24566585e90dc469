/**
 * How a worker's outcome crosses to the server's thread without holding it: one message of thousands of
 * rows takes the receiving thread a second to clone, so every long list in the outcome travels in
 * pieces of at most `batch` items, one piece per turn, and is put back in place at the end.
 */
export type Path = Array<string | number>;
export interface Piece {
  /** Where the list sits in the outcome (`['table', 'projects']`, `['sheets', 0, 'rows']`). */
  path: Path;
  items: unknown[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Yields the pieces of every list longer than `batch` (a list's items after the long lists inside them,
 * which are taken out first), and returns the outcome with those lists left empty.
 */
export function* inPieces(value: unknown, batch: number, path: Path = []): Generator<Piece, unknown> {
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) items.push(yield* inPieces(value[i], batch, [...path, i]));
    if (items.length <= batch) return items;
    for (let i = 0; i < items.length; i += batch) yield { path, items: items.slice(i, i + batch) };
    return [];
  }
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = yield* inPieces(inner, batch, [...path, key]);
  return copy;
}

/** The outcome again: each piece's items appended to its list, outer lists before the lists inside them. */
export function joinPieces<T>(skeleton: unknown, pieces: Piece[]): T {
  const outerFirst = [...pieces].sort((a, b) => a.path.length - b.path.length);
  for (const { path, items } of outerFirst) {
    let list = skeleton as Record<string | number, unknown>;
    for (const key of path) list = list[key] as Record<string | number, unknown>;
    (list as unknown as unknown[]).push(...items);
  }
  return skeleton as T;
}
