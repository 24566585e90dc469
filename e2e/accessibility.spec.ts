import AxeBuilder from '@axe-core/playwright';
import { newPage, test, expect, signIn } from './support/fixtures';
import type { Page } from '@playwright/test';

/**
 * Issue 14 point 10: an automated accessibility check of the main pages. Every serious or critical
 * violation fails, listed with the rule, its help text and the first offending elements.
 */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

const PAGES: Array<{ as: string; path: string | ((page: Page) => Promise<string>); label?: string }> = [
  { as: 'owner1', path: '/projects' },
  { as: 'owner1', path: '/tasks' },
  { as: 'owner1', path: firstEvaluation, label: 'the evaluation form' },
  { as: 'owner1', path: async (page) => `${await firstEvaluation(page)}/table`, label: 'the 自评表 view' },
  { as: 'owner1', path: '/notifications' },
  { as: 'owner1', path: '/account' },
  { as: 'finance', path: '/overview' },
  { as: 'finance', path: '/tasks' },
  { as: 'admin', path: '/admin/users' },
];

/** The first evaluation in the caller's project list. */
async function firstEvaluation(page: Page): Promise<string> {
  await page.goto('/projects');
  const href = await page
    .getByRole('link', { name: /填写|查看|审核|复核/ })
    .first()
    .getAttribute('href');
  return href!.replace(/\?.*$/, '');
}

test('the login page has no serious or critical accessibility violation', async ({ browser, server }) => {
  const page = await newPage(browser, server.url);
  await page.goto('/login');
  expect(await seriousViolations(page)).toEqual([]);
});

for (const { as, path, label } of PAGES)
  test(`${label ?? path} as ${as} has no serious or critical accessibility violation`, async ({ browser, server }) => {
    const page = await newPage(browser, server.url);
    await signIn(page, as);
    await page.goto(typeof path === 'string' ? path : await path(page));
    expect(await seriousViolations(page)).toEqual([]);
  });
