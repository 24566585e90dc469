/** What the embedded seed table holds, as the README states it: 17 projects, 113 indicators, 1,408.40 万元. */
export const SEED_SUMMARY = {
  department: '广州市白云区应急管理局',
  year: 2024,
  projects: 17,
  indicators: 113,
  budgetTotal: '1408.40',
  qualitative: 14,
} as const;
