/**
 * Structured form of one 年度指标值, as the rule book ("Targets") defines it.
 * Numbers are decimal strings so no binary floating point ever touches them.
 */

/** `=` is a bare number such as `30家`; it is scored as at-least. */
export type Comparator = '>=' | '>' | '<=' | '<' | '=' | 'range';

export interface QuantitativePart {
  comparator: Comparator;
  /** Target value; the lower bound of a range. */
  value: string;
  /** Upper bound, only for `range`. */
  upper?: string;
  /** `%`, `家`, `套或本`…; empty when the target has no unit. */
  unit: string;
  /** Name printed before the number, e.g. `扫描仪` in `1.扫描仪1台`. */
  label?: string;
  /** The normalised text of this part. */
  text: string;
}

interface QuantitativeTarget extends QuantitativePart {
  kind: 'quantitative';
  normalized: string;
}

interface CompoundTarget {
  kind: 'compound';
  normalized: string;
  parts: QuantitativePart[];
}

interface QualitativeTarget {
  kind: 'qualitative';
  normalized: string;
}

export type ParsedTarget = QuantitativeTarget | CompoundTarget | QualitativeTarget;

type TargetKind = ParsedTarget['kind'];

export const TARGET_KIND_LABELS: Record<TargetKind, string> = {
  quantitative: '定量',
  compound: '复合定量',
  qualitative: '定性',
};

export const COMPARATOR_SYMBOLS: Record<Comparator, string> = {
  '>=': '≥',
  '>': '＞',
  '<=': '≤',
  '<': '＜',
  '=': '=',
  range: '区间',
};
