import { dec } from '../decimal';
import type { TierBand } from './scheme-types';

/** The qualitative tiers' bands (rule book § The scheme): membership and how a band is written. */

export function isPercentInBand(value: number | string, band: TierBand): boolean {
  const p = dec(value);
  return p.greaterThanOrEqualTo(band.min) && (band.maxInclusive ? p.lessThanOrEqualTo(band.max) : p.lessThan(band.max));
}

/** `[80, 100]` or `[60, 80)`. */
export function formatBand(band: TierBand): string {
  return `[${band.min}, ${band.max}${band.maxInclusive ? ']' : ')'}`;
}

/** `60%（含）至80%（不含）`, for messages to finance officers. */
export function bandInWords(band: TierBand): string {
  return `${band.min}%（含）至${band.max}%（${band.maxInclusive ? '含' : '不含'}）`;
}
