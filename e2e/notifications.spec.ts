import { demoWorkflow } from './support/drafts';
import { expect, pageFor, test } from './support/fixtures';
import { startTestServer } from './support/server';
import { startSmtpServer } from './support/smtp';

/**
 * Notices reach the owner: a return shows 已退回 with the comment in 项目, 待办 and the overview and rings the bell;
 * with SMTP_URL pointing at a real SMTP server on 127.0.0.1 the mail arrives with its subject and
 * link; the head's 催办 reaches the owner in the inbox and by mail.
 */
const RETURNED = '三防专项经费';
const DRAFT = '应急专项经费';
const OWNER_MAIL = 'zhangwei@example.gov.cn';

test('a return and a 催办 reach the owner in the app and by mail', async ({ browser }) => {
  test.setTimeout(180_000);
  const smtp = await startSmtpServer();
  const server = await startTestServer({ SMTP_URL: smtp.url });
  try {
    const owner = await pageFor(browser, server.url, 'owner1');
    await owner.goto('/notifications');
    await expect(owner.getByText('暂无通知。')).toBeVisible();
    await owner.getByLabel('通知邮箱').fill('not-an-address');
    await owner.getByRole('button', { name: '保存' }).click();
    await expect(owner.locator('#email-error')).toContainText('请输入有效的邮箱地址');
    await owner.getByLabel('通知邮箱').fill(OWNER_MAIL);
    await owner.getByRole('button', { name: '保存' }).click();
    await expect(owner.getByRole('status').filter({ hasText: `通知将同时发送到 ${OWNER_MAIL}` })).toBeVisible();

    const flow = await demoWorkflow(server.url);
    const id = await flow.bringTo(RETURNED, 'submitted');
    const COMMENT = '请补充满意度调查的佐证材料';
    await flow.act('head', id, 'returnAction', flow.step(COMMENT));

    // 项目 and 待办 say 已退回, by whom and why; the returned one comes first in 待办.
    await owner.goto('/projects');
    const row = owner.getByTestId('project-row').filter({ hasText: RETURNED });
    await expect(row.getByText('已退回', { exact: true })).toBeVisible();
    await expect(row.getByTestId('returned-note')).toContainText(COMMENT);
    await owner.goto('/tasks');
    const first = owner.getByTestId('task-row').first();
    await expect(first).toContainText(RETURNED);
    await expect(first.getByTestId('returned-note')).toContainText(COMMENT);
    await expect(first.getByRole('link', { name: '修改并重新提交' })).toBeVisible();

    // The bell counts it; the inbox says it and links to the evaluation.
    await expect(owner.getByTestId('unread-count')).toHaveText('1');
    await owner.getByRole('link', { name: /^通知/ }).click();
    const notice = owner.getByTestId('notification-row').first();
    await expect(notice).toContainText('自评已退回');
    await expect(notice.getByRole('link')).toHaveAttribute('href', `/evaluations/${id}`);
    await expect(notice).toContainText(COMMENT);

    const mail = await smtp.waitFor(OWNER_MAIL, '自评已退回');
    expect(mail.subject).toContain(RETURNED);
    expect(mail.text).toContain(`${server.url}/evaluations/${id}`);
    expect(mail.text).toContain(COMMENT);

    // 催办 by the head on a draft nobody has submitted: once a day however often clicked.
    const head = await pageFor(browser, server.url, 'head');
    // The overview's project table says 已退回, by whom and why, as 项目 and 待办 do.
    await head.goto('/overview?status=returned');
    const listed = head.getByTestId('overview-row').filter({ hasText: RETURNED });
    await expect(listed.getByTestId('returned-note')).toContainText('林志强');
    await expect(listed.getByTestId('returned-note')).toContainText(COMMENT);
    await head.goto(`/evaluations/${flow.idOf(DRAFT)}`);
    await head.getByRole('button', { name: '催办' }).click();
    await expect(head.getByRole('status').filter({ hasText: '已催办 张伟' })).toBeVisible();
    await head.getByRole('button', { name: '催办' }).click();
    await expect(head.getByRole('status').filter({ hasText: '今天已催办过' })).toBeVisible();

    await owner.getByRole('button', { name: '全部标为已读' }).click();
    await expect(owner.getByTestId('unread-count')).toHaveCount(0);
    await owner.reload();
    const reminded = owner.getByTestId('notification-row').first();
    await expect(reminded).toContainText('催办');
    await expect(reminded).toContainText(DRAFT);
    const reminder = await smtp.waitFor(OWNER_MAIL, '催办');
    expect(reminder.text).toContain(`${server.url}/evaluations/${flow.idOf(DRAFT)}`);
    expect(smtp.mails.filter((m) => m.subject.includes('催办'))).toHaveLength(1);
  } finally {
    await server.stop();
    await smtp.stop();
  }
});
