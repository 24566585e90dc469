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
