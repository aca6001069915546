// Escaping for HTML text and attributes: every user-controlled string passes here
// (or through JSX, which escapes the same way) before it reaches a page.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Matches http(s) URLs only: other schemes (javascript:, data:) stay text. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'{}\\`]+/gi;
/** Punctuation that ends a sentence rather than the URL before it. */
const TRAILING = /[.,;:!?)\]]+$/;

/** Escapes `text`, with the http(s) URLs in it as links. */
export function escapeHtmlLinked(text: string): string {
  let html = '';
  let at = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(TRAILING, '');
    if (!URL.canParse(url)) continue;
    html += `${escapeHtml(text.slice(at, match.index))}<a href="${escapeHtml(url)}" rel="noopener nofollow">${escapeHtml(url)}</a>`;
    at = match.index + url.length;
  }
  return html + escapeHtml(text.slice(at));
}
