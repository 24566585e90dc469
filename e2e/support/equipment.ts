import { expect, type Page } from '@playwright/test';

/** The seed project with a compound, a qualitative and several at-least targets (owner1's first). */
export const EQUIPMENT_PROJECT = '队伍装备基础设施建设专项经费';
export const EQUIPMENT_ROWS = {
  devices: '购买办公设备的数量',
  hours: '采购物业管理服务服务时长',
  quality: '办公设备的质量合格率',
  acceptance: '办公设备验收合格率',
  service: '物管服务合格率',
  payment: '支付相关费用的时间长度',
  satisfaction: '工作人员对办公设备及物业管理的满意度',
};

/** From the project list, by the row's next-step link, to the evaluation page of `project`. */
export async function openFromList(page: Page, project = EQUIPMENT_PROJECT) {
  await page.goto('/projects');
  await page
    .getByRole('row', { name: new RegExp(project) })
    .getByRole('link', { name: /填写|等待|审核|复核|完成/ })
    .click();
  await expect(page.getByRole('heading', { name: project })).toBeVisible();
}

/** What an owner types into one row: its actual, each part of a compound target, or a qualitative tier. */
export type TypedActual = string | string[] | { tier: string; percent?: string };

/** The parts of the first row's compound target (1.扫描仪1台；2.信创台式电脑13台；3.信创笔记本电脑3台). */
const DEVICE_PARTS = ['扫描仪', '信创台式电脑', '信创笔记本电脑'];

/** Types the equipment project's actuals row by row, in the form's order (EQUIPMENT_ROWS), by each field's label. */
export async function fillEquipmentActuals(page: Page, actuals: TypedActual[]) {
  for (const [i, row] of Object.values(EQUIPMENT_ROWS).entries()) {
    const actual = actuals[i];
    if (typeof actual === 'string') await page.getByLabel(`${row} 实际完成值`).fill(actual);
    else if (Array.isArray(actual))
      for (const [p, part] of actual.entries()) await page.getByLabel(`${row} ${DEVICE_PARTS[p]}`).fill(part);
    else {
      await page.getByLabel(`${row} 评定等级`).selectOption(actual.tier);
      if (actual.percent !== undefined) await page.getByLabel(`${row} 得分比例`).fill(actual.percent);
    }
  }
}
