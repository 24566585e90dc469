import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { transaction, type Db } from '@/db';
import { claimMail, finishMail, mailToSend } from '@/db/queries/notifications';
import type { NotificationKind } from '@/db/schema';
import { mailSettings, type MailSettings } from './mail-config';
import { NOTICE_TITLES } from './titles';

/** A mail claimed by an instance that stopped before sending it is sent again after this long. */
const CLAIM_TIMEOUT_MS = 10 * 60_000;
const MAX_ATTEMPTS = 5;

/** The mail of one notice: subject, text, and the link to what it is about. */
export function composeMail(
  notice: { id: number; kind: NotificationKind; evaluationId: number | null; message: string; displayName: string },
  baseUrl: string,
) {
  const link =
    notice.evaluationId === null ? `${baseUrl}/notifications` : `${baseUrl}/evaluations/${notice.evaluationId}`;
  return {
    subject: `【绩效自评】${NOTICE_TITLES[notice.kind]}：${notice.message}`.slice(0, 200),
    text: `${notice.displayName}，您好：\n\n${notice.message}\n\n查看：${link}\n\n（此邮件由绩效自评系统自动发送，请勿回复。）\n`,
    link,
  };
}

let cachedTransport: { url: string; transport: Transporter } | null = null;

function transportFor(settings: MailSettings): Transporter {
  if (cachedTransport?.url !== settings.url)
    cachedTransport = { url: settings.url, transport: nodemailer.createTransport(settings.url) };
  return cachedTransport.transport;
}

/**
 * Sends the e-mail copies waiting in the outbox, each claimed first so that two instances never
 * send the same one; a failure is tried again later, up to five times. The number sent.
 */
export async function dispatchMail(
  db: Db,
  {
    settings = mailSettings(),
    now = () => new Date(),
    limit = 50,
  }: {
    settings?: MailSettings | null;
    now?: () => Date;
    limit?: number;
  } = {},
): Promise<number> {
  if (!settings) return 0;
  const staleBefore = new Date(now().getTime() - CLAIM_TIMEOUT_MS);
  let sent = 0;
  for (const mail of await mailToSend(db, { staleBefore, limit })) {
    if (!(await transaction(db, (tx) => claimMail(tx, { id: mail.id, now: now(), staleBefore })))) continue;
    if (!mail.email) {
      await transaction(db, (tx) => finishMail(tx, { id: mail.id, state: 'failed' }));
      continue;
    }
    const { subject, text } = composeMail(mail, settings.baseUrl);
    let state: 'sent' | 'pending' | 'failed' = 'sent';
    try {
      await transportFor(settings).sendMail({ from: settings.from, to: mail.email, subject, text });
      sent++;
    } catch (error) {
      console.error(`mail of notification ${mail.id} failed`, error);
      state = mail.attempts + 1 >= MAX_ATTEMPTS ? 'failed' : 'pending';
    }
    await transaction(db, (tx) => finishMail(tx, { id: mail.id, state }));
  }
  return sent;
}

/*
 * In-process only to avoid two dispatches of one instance at once; which mail is sent is decided by
 * the claims in the database, so several instances (and the scheduled job) can dispatch side by side.
 */
let running = false;
let again = false;

/** After a commit that stored notices: send their mail soon, without making the user wait for SMTP. */
export function scheduleMailDispatch(db: Db): void {
  if (!mailSettings()) return;
  if (running) {
    again = true;
    return;
  }
  running = true;
  setImmediate(async () => {
    try {
      do {
        again = false;
        await dispatchMail(db);
      } while (again);
    } catch (error) {
      console.error('mail dispatch failed', error);
    } finally {
      running = false;
    }
  });
}
