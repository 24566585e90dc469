import { closeDatabase, databaseFile, openDatabase, transaction } from '../db';
import { findYear, updateYear } from '../db/queries/years';
import { demoWorkflow } from './support/drafts';
import { expect, isolatedTest, pageFor } from './support/fixtures';

/**
 * Finance draws a 抽查复核 sample with a seed and finds it in the overview's 抽查 filter; the head
 * reminds (催办) an owner of an overdue draft straight from the project list.
 */
const test = isolatedTest();

const APPROVED = '应急专项经费';
const OVERDUE = '三防专项经费';

async function setDeadline(dataDir: string, deadline: string) {
  const db = openDatabase(databaseFile(dataDir));
  try {
    const year = (await findYear(db, { year: 2024 }))!;
    await transaction(db, (tx) =>
      updateYear(tx, { year: 2024, changes: { scheme: year.scheme, status: year.status, deadline } }),
    );
  } finally {
    closeDatabase(db);
  }
}

test('a seeded sample is drawn and filtered by; 催办 from the list reaches the owner', async ({ server, browser }) => {
  test.setTimeout(120_000);
  const flow = await demoWorkflow(server.url);
  await flow.bringTo(APPROVED, 'dept_approved');

  const finance = await pageFor(browser, server.url, 'finance');
  await finance.goto('/admin/spot-checks?year=2024');
  await finance.getByLabel('方式').selectOption('count');
  await finance.getByRole('textbox', { name: '数量（项）' }).fill('1');
  await finance.getByLabel('随机种子（留空则自动生成）').fill('E2E-2024');
  await finance.getByRole('button', { name: '抽取' }).click();
  await expect(finance.getByTestId('spot-check-seed')).toContainText('随机种子 E2E-2024');
  await expect(finance.getByTestId('spot-check-table')).toContainText(APPROVED);
  await finance.getByRole('link', { name: '在总览中查看抽查项目' }).click();
  await expect(finance.getByTestId('stat-projects')).toHaveText('1');

  await setDeadline(server.dataDir, '2024-01-31');
  const head = await pageFor(browser, server.url, 'head');
  await head.goto('/projects?year=2024');
  await head.getByTestId('project-row').filter({ hasText: OVERDUE }).getByRole('button', { name: '催办' }).click();
  await expect(head.getByText(/已催办/)).toBeVisible();
  const owner = await pageFor(browser, server.url, 'owner1');
  await owner.goto('/notifications');
  await expect(owner.getByTestId('notification-row').filter({ hasText: OVERDUE })).toContainText('催办');
});
