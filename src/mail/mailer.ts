// The Mailer interface and its two transports: SMTP (nodemailer, pooled
// connections, optional DKIM signing) in production, and the log when no SMTP
// server is configured, so that a local hub can still sign people in (the link
// is in the log). Logs name readers by account id, never by address, except
// the log transport, whose whole point is to show the mail.
import nodemailer from 'nodemailer';
import type { Logger } from '../log.ts';
import { AppError } from '../errors.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Who the mail is for, as the log names them; absent before an account exists. */
  accountId?: number;
  /** Derived from what the mail is (a digest's reader and edition), so a resent copy folds into the first. */
  messageId?: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Resolves once the server accepted the mail (its 250 reply); throws an AppError with the server's reply as cause. */
  send(mail: Mail): Promise<void>;
  /** Whether mails go to an SMTP server (false: to the log). */
  readonly delivers: boolean;
  close(): void;
}

export interface DkimOptions {
  domainName: string;
  keySelector: string;
  privateKey: string;
  /** The headers signed, colon-separated. */
  headerFieldNames: string;
}

export interface MailerOptions {
  smtpUrl: string;
  from: string;
  log: Logger;
  dkim?: DkimOptions | null;
  /** SMTP connections kept open and used at once. */
  connections?: number;
}

/** SMTP connections a hub keeps open and sends over at once. */
export const SMTP_CONNECTIONS = 4;

export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? createSmtpMailer(options) : createLogMailer(options.log);
}

function createSmtpMailer({ smtpUrl, from, log, dkim, connections = SMTP_CONNECTIONS }: MailerOptions): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
    ...(dkim ? { dkim } : {}),
  });
  return {
    delivers: true,
    async send(mail) {
      const { accountId, ...message } = mail;
      try {
        await transport.sendMail({ from, ...message });
        log.debug({ accountId, subject: mail.subject }, 'mail sent');
      } catch (error) {
        log.warn({ accountId, subject: mail.subject, reason: deliveryFailure(error).reason }, 'mail could not be sent');
        throw new AppError('unavailable', 'The e-mail could not be sent just now. Please try again in a few minutes.', { cause: error });
      }
    },
    close: () => transport.close(),
  };
}

function createLogMailer(log: Logger): Mailer {
  return {
    delivers: false,
    async send(mail) {
      log.warn(
        { to: mail.to, subject: mail.subject, text: mail.text },
        'SMTP_URL is not set: this mail is written to the log instead of sent',
      );
    },
    close: () => undefined,
  };
}

/**
 * Why a mail failed and whether trying again can help: a 5xx reply is a permanent refusal (no
 * such mailbox); a 4xx reply, a dropped connection or a timeout may pass later.
 */
export function deliveryFailure(error: unknown): { permanent: boolean; reason: string } {
  const cause = (error instanceof AppError ? error.cause : error) as {
    responseCode?: number;
    response?: string;
    code?: string;
    message?: string;
  };
  const code = cause?.responseCode;
  const reason = (cause?.response ?? cause?.message ?? String(cause)).slice(0, 300);
  return {
    permanent: typeof code === 'number' && code >= 500 && code < 600,
    reason: code ? reason : `${cause?.code ?? 'error'}: ${reason}`,
  };
}
