// The mails paperboy sends, each as plain text and HTML.
import type { Mail } from './mailer.ts';
import { escapeHtml } from '../domain/html.ts';

export function signInMail(to: string, link: string, minutes: number, siteName: string): Mail {
  return {
    to,
    subject: `Sign in to ${siteName}`,
    text: `Open this link to sign in to ${siteName}:\n\n${link}\n\nIt works once, for ${minutes} minutes. If you did not ask for it, ignore this mail.\n`,
    html:
      `<p>Open this link to sign in to ${escapeHtml(siteName)}:</p>` +
      `<p><a href="${escapeHtml(link)}">Sign in</a></p>` +
      `<p>It works once, for ${minutes} minutes. If you did not ask for it, ignore this mail.</p>`,
  };
}
