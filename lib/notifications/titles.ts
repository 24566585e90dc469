import type { NotificationKind } from '@/db/schema';

/** The heading of each kind of notice: in the inbox and in the mail's subject. */
export const NOTICE_TITLES: Record<NotificationKind, string> = {
  returned: '自评已退回',
  approved: '自评已审核通过',
  finalized: '自评已定稿',
  reopened: '自评已重新打开',
  reminded: '催办',
  deadline: '自评即将截止',
  queue: '新待办',
};
