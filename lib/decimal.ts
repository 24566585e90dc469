import DecimalJs from 'decimal.js';

/**
 * The one Decimal used for money, points and scores (rule book: exact decimal, never binary floats).
 * 40 significant digits comfortably exceeds the rule book's "at least 12".
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;
export type DecimalInput = string | number | Decimal;

export function dec(value: DecimalInput): Decimal {
  return new Decimal(value);
}

/** Round half up to `places` decimals, returning a Decimal. */
export function roundHalfUp(value: Decimal, places: number): Decimal {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/** A canonical decimal string (`15`, `13.5`, `0.1`), no exponent. */
export function decString(value: Decimal): string {
  return value.toFixed();
}
