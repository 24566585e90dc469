/**
 * The optional e-mail copy of notifications: on when SMTP_URL is set (`smtp://user:pass@host:587`,
 * `smtps://…`). Links in mails start at NEXTAUTH_URL, else at this server's own address.
 */
export interface MailSettings {
  url: string;
  from: string;
  baseUrl: string;
}

export function mailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings | null {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  const host = !env.HOST || ['0.0.0.0', '::'].includes(env.HOST) ? 'localhost' : env.HOST;
  const own = `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT || '3000'}`;
  return {
    url,
    from: env.MAIL_FROM?.trim() || '绩效自评 <no-reply@localhost>',
    baseUrl: (env.NEXTAUTH_URL?.trim() || own).replace(/\/+$/, ''),
  };
}
