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

export function subscribeMail(to: string, link: string, days: number, siteName: string): Mail {
  const lines = [
    `Someone (we hope you) asked for the daily paper digest of ${siteName} at this address.`,
    'Open this link to confirm, and the digest starts; nothing else is sent here until you do:',
  ];
  const after = `The link works for ${days} days. If you did not ask for it, ignore this mail and the address is forgotten.`;
  return {
    to,
    subject: `Confirm your paper digest from ${siteName}`,
    text: `${lines.join('\n')}\n\n${link}\n\n${after}\n`,
    html:
      lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('') +
      `<p><a href="${escapeHtml(link)}">Confirm the subscription</a></p><p>${escapeHtml(after)}</p>`,
  };
}
