// The Mailer interface and its two transports: SMTP (nodemailer) in
// production, and the log when no SMTP server is configured, so that a local
// hub can still sign people in (the link is in the log).
import nodemailer from 'nodemailer';
import type { Logger } from '../log.ts';
import { AppError } from '../errors.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

export function createMailer(options: { smtpUrl: string; from: string; log: Logger }): Mailer {
  return options.smtpUrl ? createSmtpMailer(options.smtpUrl, options.from, options.log) : createLogMailer(options.log);
}

function createSmtpMailer(url: string, from: string, log: Logger): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      try {
        await transport.sendMail({ from, ...mail });
        log.info({ to: mail.to, subject: mail.subject }, 'mail sent');
      } catch (error) {
        log.error({ err: error, to: mail.to }, 'mail could not be sent');
        throw new AppError('unavailable', 'The e-mail could not be sent just now. Please try again in a few minutes.', { cause: error });
      }
    },
    close: () => transport.close(),
  };
}

function createLogMailer(log: Logger): Mailer {
  return {
    async send(mail) {
      log.warn(
        { to: mail.to, subject: mail.subject, text: mail.text },
        'SMTP_URL is not set: this mail is written to the log instead of sent',
      );
    },
    close: () => undefined,
  };
}
