import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signIn } from './fixtures';
import type { Page } from '@playwright/test';

/** The seed's target table as published (db/seed-data): 17 projects, 113 indicators. */
export const SEED_TARGETS = readFileSync(
  path.resolve(__dirname, '../..', 'db', 'seed-data', 'baiyun-emergency-2024-targets.txt'),
  'utf8',
);

/** The seed's table with one passage changed, as a copy out of the PDF mangles it; the passage must be in the seed. */
export function seedTargetsWith([passage, mangled]: [passage: string, mangled: string]): string {
  if (!SEED_TARGETS.includes(passage)) throw new Error(`the seed's target table has no “${passage}”`);
  return SEED_TARGETS.replace(passage, mangled);
}

/** Finance signs in and opens 导入绩效目标表 from the administration page. */
export async function openTargetImport(page: Page) {
  await signIn(page, 'finance');
  await page.goto('/admin');
  await page.getByRole('link', { name: /导入绩效目标表/ }).click();
}

/**
 * On 导入绩效目标表: pastes a table for the year (into a department, where given) and asks for its preview;
 * the preview's region (its blocking problems, counts and warnings, 确认导入).
 */
export async function previewPastedTargets(page: Page, paste: { year: number; text: string; department?: string }) {
  await page.getByLabel('导入年度').fill(String(paste.year));
  if (paste.department) await page.getByLabel('导入到部门').selectOption({ label: paste.department });
  await page.getByLabel('目标表文本').fill(paste.text);
  await page.getByRole('button', { name: '预览' }).click();
  return page.getByTestId('import-preview');
}
