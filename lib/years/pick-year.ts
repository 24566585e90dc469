/** The year a page shows: the one asked for when it exists, otherwise the newest open year, otherwise the newest. */
export function pickYear(years: Array<{ year: number; status: string }>, requested: unknown): number | null {
  const asked = Number(requested);
  if (Number.isInteger(asked) && years.some((y) => y.year === asked)) return asked;
  return years.find((y) => y.status === 'open')?.year ?? years[0]?.year ?? null;
}
