// A digest as a mail: plain text and HTML with inline CSS (no remote images,
// fonts or scripts), one column that reads at 320 px, dark mode by media
// query, a footer with preferences and unsubscribe, and the one-click
// unsubscribe headers of RFC 8058. A paper that fails to render is left out
// and reported; the digest goes on without it.
import type { Mail } from './mailer.ts';
import { escapeHtml } from '../domain/html.ts';
import { excerpt, texToHtml, texToText } from '../domain/tex.ts';
import { arxivPdfUrl, parseArxivId } from '../domain/ids.ts';
import { paperCount, type ComposedDigest, type DigestItem } from '../domain/digest-selection.ts';

export interface DigestLinks {
  site: string;
  siteName: string;
  view: string;
  preferences: string;
  unsubscribe: string;
}

export interface RenderedItem {
  html: string;
  text: string;
}

/** Words of the abstract shown: about two lines on a phone. */
const EXCERPT_WORDS = 28;
const AUTHORS_SHOWN = 4;

const COLORS = { text: '#1f2328', muted: '#59636e', link: '#0b5cad', page: '#f3f4f6', card: '#ffffff', line: '#d8dee4' };
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const DARK_CSS = `@media (prefers-color-scheme: dark) {
  .pb-page { background: #0d1117 !important; color: #e6edf3 !important; }
  .pb-card { background: #161b22 !important; border-color: #30363d !important; }
  .pb-muted { color: #9da7b3 !important; }
  .pb-link { color: #6cb6ff !important; }
  .pb-text { color: #e6edf3 !important; }
}`;

export function digestMail(digest: ComposedDigest, links: DigestLinks, onFailure: (paperId: string, error: unknown) => void): Mail {
  const rendered = renderSections(digest, links, onFailure);
  return {
    to: digest.email,
    accountId: digest.accountId,
    subject: subjectOf(digest, rendered.count),
    text: textOf(digest, links, rendered.text),
    html: digestHtml(digest, links, rendered.html),
    messageId: digestMessageId(digest.accountId, digest.edition, links.site),
    headers: { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** The Message-ID of a reader's digest of one edition: the same on every attempt, so a resent copy folds into the first. */
export function digestMessageId(accountId: number, edition: string, site: string): string {
  return `<digest.${accountId}.${edition}@${new URL(site).hostname}>`;
}

/** The HTML of a digest (the mail's body, and the page "view in the browser" shows). */
export function digestPage(digest: ComposedDigest, links: DigestLinks, onFailure: (paperId: string, error: unknown) => void): string {
  return digestHtml(digest, links, renderSections(digest, links, onFailure).html);
}

function renderSections(digest: ComposedDigest, links: DigestLinks, onFailure: (paperId: string, error: unknown) => void) {
  let count = 0;
  const html: string[] = [];
  const text: string[] = [];
  for (const section of digest.sections) {
    const items = section.items.flatMap((item) => {
      try {
        return [renderItem(item, links.site)];
      } catch (error) {
        onFailure(item.paper.id, error);
        return [];
      }
    });
    if (!items.length) continue;
    count += items.length;
    html.push(`<h2 class="pb-text" style="font-size:17px;margin:24px 0 4px;color:${COLORS.text}">${escapeHtml(section.title)}</h2>`);
    html.push(...items.map((item) => item.html));
    text.push(`== ${section.title} ==\n`, ...items.map((item) => item.text));
  }
  return { count, html: html.join('\n'), text: text.join('\n') };
}

export function renderItem(item: DigestItem, site: string): RenderedItem {
  const { paper } = item;
  const authors =
    paper.authors.length > AUTHORS_SHOWN ? `${paper.authors.slice(0, AUTHORS_SHOWN).join(', ')} et al.` : paper.authors.join(', ');
  const summary = excerpt(paper.abstract, EXCERPT_WORDS);
  const reason = item.reasons.join(' · ');
  const paperLinks = linksOf(paper.id, paper.codeUrl, site);
  const linkStyle = `color:${COLORS.link};text-decoration:underline`;
  const html = `<div style="padding:12px 0;border-top:1px solid ${COLORS.line}">
<p style="margin:0 0 4px;font-size:16px;line-height:1.35;font-weight:600"><a class="pb-link" href="${escapeHtml(paperLinks[0]!.url)}" style="color:${COLORS.link};text-decoration:none">${texToHtml(paper.title)}</a></p>
<p class="pb-muted" style="margin:0 0 4px;font-size:13px;color:${COLORS.muted}">${escapeHtml(authors)}</p>
<p class="pb-text" style="margin:0 0 6px;font-size:14px;line-height:1.45;color:${COLORS.text}">${texToHtml(summary)}</p>
<p class="pb-muted" style="margin:0 0 6px;font-size:13px;font-style:italic;color:${COLORS.muted}">${escapeHtml(reason)}</p>
<p style="margin:0;font-size:14px">${paperLinks.map((link) => `<a class="pb-link" href="${escapeHtml(link.url)}" style="${linkStyle}">${link.label}</a>`).join(' &nbsp;·&nbsp; ')}</p>
</div>`;
  const text = [
    `* ${texToText(paper.title)}`,
    `  ${authors}`,
    `  ${texToText(summary)}`,
    `  Why: ${reason}`,
    ...paperLinks.map((link) => `  ${link.label}: ${link.url}`),
    '',
  ].join('\n');
  return { html, text };
}

function linksOf(id: string, codeUrl: string | null, site: string): { label: string; url: string }[] {
  const links = [{ label: 'Paper', url: `${site}/papers/${encodeURIComponent(id).replaceAll('%2F', '/')}` }];
  if (parseArxivId(id)?.id === id) links.push({ label: 'PDF', url: arxivPdfUrl(id) });
  if (codeUrl && /^https?:\/\//i.test(codeUrl)) links.push({ label: 'Code', url: codeUrl });
  return links;
}

/** One formatter for every subject: making one per mail costs more than the rest of the subject. */
const SUBJECT_DATE = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });

function subjectOf(digest: ComposedDigest, count: number): string {
  const day = SUBJECT_DATE.format(new Date(`${digest.edition}T12:00:00Z`));
  if (!count) return `Your paper digest, ${day}: nothing new`;
  return `Your paper digest, ${day}: ${count} ${count === 1 ? 'paper' : 'papers'}`;
}

function textOf(digest: ComposedDigest, links: DigestLinks, body: string): string {
  const content = digest.quietNote && !paperCount(digest) ? `${digest.quietNote}\n` : body;
  return [
    `Your paper digest from ${links.siteName}, ${digest.edition}`,
    `View in the browser: ${links.view}`,
    '',
    content,
    '--',
    `Change what you get, how often and when: ${links.preferences}`,
    `Unsubscribe: ${links.unsubscribe}`,
    '',
  ].join('\n');
}

function digestHtml(digest: ComposedDigest, links: DigestLinks, body: string): string {
  const note =
    digest.quietNote && !body ? `<p class="pb-text" style="margin:16px 0;font-size:15px">${escapeHtml(digest.quietNote)}</p>` : '';
  const small = `margin:0 0 6px;font-size:13px;color:${COLORS.muted}`;
  const link = (href: string, label: string) =>
    `<a class="pb-link" href="${escapeHtml(href)}" style="color:${COLORS.link};text-decoration:underline">${label}</a>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
<title>Your paper digest, ${escapeHtml(digest.edition)}</title><style>${DARK_CSS}</style></head>
<body class="pb-page" style="margin:0;padding:0;background:${COLORS.page};color:${COLORS.text};font-family:${FONT}">
<div class="pb-page" style="background:${COLORS.page};padding:16px 8px">
<div class="pb-card" style="max-width:600px;margin:0 auto;background:${COLORS.card};border:1px solid ${COLORS.line};border-radius:8px;padding:16px;overflow-wrap:anywhere;word-break:break-word">
<p class="pb-muted" style="${small}">${escapeHtml(links.siteName)} · ${escapeHtml(digest.edition)} · ${link(links.view, 'View in the browser')}</p>
<h1 class="pb-text" style="margin:4px 0 8px;font-size:21px;color:${COLORS.text}">Your paper digest</h1>
${note}${body}
<div style="margin-top:20px;padding-top:12px;border-top:1px solid ${COLORS.line}">
<p class="pb-muted" style="${small}">You get this because you subscribed at ${link(links.site, escapeHtml(links.siteName))}.</p>
<p class="pb-muted" style="${small}">${link(links.preferences, 'Preferences')} (what, how often, when) &nbsp;·&nbsp; ${link(links.unsubscribe, 'Unsubscribe')}</p>
</div></div></div></body></html>`;
}
