import { mulberry32 } from '@/lib/random';

/**
 * 抽查复核: a reproducible random sample. A seed (any text) starts a small PRNG (mulberry32 seeded by
 * a 32-bit string hash), so the same seed over the same population draws the same evaluations, in
 * the same order, on any machine. Pure: data in, the drawn ids out.
 */
export interface SampleUnit {
  id: number;
  departmentId: number;
  budgetFen: number;
}

export interface SampleParams {
  seed: string;
  mode: 'count' | 'percent';
  /** A number of evaluations, or a percent (1–100) of the population, rounded up. */
  amount: number;
  /** The sample split over departments in proportion to their size (largest remainder). */
  stratified: boolean;
  /** Larger budgets more likely (weighted sampling without replacement). */
  weighted: boolean;
}

/** A 32-bit hash of the seed text (FNV-1a over its UTF-16 code units). */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Numbers in [0, 1), the same sequence for the same seed text. */
export function seededRandom(seed: string): () => number {
  return mulberry32(hashSeed(seed));
}

export function sampleSize(population: number, { mode, amount }: Pick<SampleParams, 'mode' | 'amount'>): number {
  const wanted = mode === 'count' ? amount : Math.ceil((population * amount) / 100);
  return Math.max(0, Math.min(population, wanted));
}

/** `k` of the units: a partial Fisher–Yates shuffle, or Efraimidis–Spirakis keys (ln u / weight) when weighted. */
function drawFrom(units: SampleUnit[], k: number, random: () => number, weighted: boolean): SampleUnit[] {
  if (weighted) {
    const keyed = units.map((unit) => ({ unit, key: Math.log(1 - random()) / Math.max(unit.budgetFen, 1) }));
    return keyed
      .sort((a, b) => b.key - a.key || a.unit.id - b.unit.id)
      .slice(0, k)
      .map((k) => k.unit);
  }
  const pool = [...units];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k);
}

/** How many of `k` each group gets: its share rounded down, the rest to the largest remainders (ties: group order). */
export function allocate(sizes: number[], k: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total === 0) return sizes.map(() => 0);
  const shares = sizes.map((n, i) => ({ i, floor: Math.floor((k * n) / total), rest: (k * n) % total }));
  let left = k - shares.reduce((a, s) => a + s.floor, 0);
  for (const s of [...shares].sort((a, b) => b.rest - a.rest || a.i - b.i)) {
    if (left === 0) break;
    s.floor++;
    left--;
  }
  return shares.map((s) => s.floor);
}

/** The drawn ids, in draw order. The population's order does not matter: it is sorted by id first. */
export function drawSample(population: SampleUnit[], params: SampleParams): number[] {
  const units = [...population].sort((a, b) => a.id - b.id);
  const k = sampleSize(units.length, params);
  const random = seededRandom(params.seed);
  if (!params.stratified) return drawFrom(units, k, random, params.weighted).map((u) => u.id);
  const groups = [...new Set(units.map((u) => u.departmentId))]
    .sort((a, b) => a - b)
    .map((d) => units.filter((u) => u.departmentId === d));
  const counts = allocate(
    groups.map((g) => g.length),
    k,
  );
  return groups.flatMap((g, i) => drawFrom(g, counts[i], random, params.weighted).map((u) => u.id));
}
