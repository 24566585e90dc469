import { expect, openEvaluation, test } from './support/fixtures';

const PROJECT = '应急专项经费';
const ROW = '保障应急值守、指挥调度、各类会议的次数';

test('two people save the same evaluation from the same version: one wins, the other is told and keeps their input', async ({
  pageAs,
}) => {
  const first = await pageAs('owner1');
  const second = await pageAs('owner1');
  for (const page of [first, second]) {
    await openEvaluation(page, PROJECT);
    await expect(page.getByLabel(`${ROW} 实际完成值`)).toBeVisible();
  }

  await first.getByLabel(`${ROW} 实际完成值`).fill('320');
  await first.getByLabel('年度总体目标实际完成情况').fill('第一位同事的填写');
  await second.getByLabel(`${ROW} 实际完成值`).fill('280');
  await second.getByLabel('全年执行数').fill('60');
  await second.getByLabel('年度总体目标实际完成情况').fill('第二位同事的填写');

  await first.getByRole('button', { name: '保存草稿' }).click();
  await expect(first.getByRole('status').filter({ hasText: '已保存草稿' })).toBeVisible();
  await second.getByRole('button', { name: '保存草稿' }).click();
  await expect(second.getByRole('alert').filter({ hasText: '已被他人修改' })).toBeVisible();

  // The loser's input stays on screen, untouched.
  await expect(second.getByLabel(`${ROW} 实际完成值`)).toHaveValue('280');
  await expect(second.getByLabel('全年执行数')).toHaveValue('60');
  await expect(second.getByLabel('年度总体目标实际完成情况')).toHaveValue('第二位同事的填写');

  // What is stored is the winner's, whole: nothing of the second save is mixed in.
  const fresh = await pageAs('owner1');
  await fresh.goto(first.url());
  await expect(fresh.getByLabel(`${ROW} 实际完成值`)).toHaveValue('320');
  await expect(fresh.getByLabel('年度总体目标实际完成情况')).toHaveValue('第一位同事的填写');
  await expect(fresh.getByLabel('全年执行数')).toHaveValue('');
});
