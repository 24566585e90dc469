import Link from 'next/link';
import { ActionButton } from '@/components/notifications/action-button';
import { NotificationEmailForm } from '@/components/notifications/email-form';
import { DataTable, PageHead, type Column } from '@/components/page-pieces';
import { getDb } from '@/db';
import { countUnread, findNotificationEmail, listNotifications } from '@/db/queries/notifications';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { mailSettings } from '@/lib/notifications/mail-config';
import { NOTICE_TITLES } from '@/lib/notifications/titles';
import { markReadAction } from './actions';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '通知' };

type Notice = Awaited<ReturnType<typeof listNotifications>>[number];

/** The inbox: returned, approved, finalised, reopened, 催办, deadlines and new to-do items, newest first. */
export default async function NotificationsPage() {
  const user = await requireUser();
  const db = getDb();
  const [rows, unread, email] = await Promise.all([
    listNotifications(db, { userId: user.id }),
    countUnread(db, { userId: user.id }),
    findNotificationEmail(db, { userId: user.id }),
  ]);
  const columns: Array<Column<Notice>> = [
    { header: '时间', cell: (n) => formatDateTime(n.createdAt) },
    { header: '类别', cell: (n) => NOTICE_TITLES[n.kind] },
    {
      header: '内容',
      cell: (n) =>
        n.evaluationId === null ? n.message : <Link href={`/evaluations/${n.evaluationId}`}>{n.message}</Link>,
    },
    { header: '状态', cell: (n) => (n.readAt ? <span className="muted">已读</span> : <strong>未读</strong>) },
  ];
  return (
    <>
      <PageHead title="通知" note={`共 ${rows.length} 条，未读 ${unread} 条`}>
        {unread > 0 && <ActionButton action={markReadAction} input={{ ids: 'all' }} label="全部标为已读" />}
      </PageHead>
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>暂无通知。</p>
        </div>
      ) : (
        <DataTable
          columns={columns}
          rows={rows}
          testId="notification-table"
          rowClassName={(n) => (n.readAt ? undefined : 'unread')}
        />
      )}
      <section className="card narrow">
        <h2>邮件通知</h2>
        <NotificationEmailForm email={email?.email ?? ''} mailOn={mailSettings() !== null} />
      </section>
    </>
  );
}
