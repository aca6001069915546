// Links of a paper: code repositories and project pages found in its text,
// normalised so the same repository is one link however it was written.
import { arxivAbsUrl, arxivPdfUrl, parseArxivId } from './ids.ts';

export type LinkKind = 'abs' | 'pdf' | 'doi' | 'code' | 'project';

export interface PaperLink {
  kind: LinkKind;
  url: string;
}

const URL_IN_TEXT =
  /\bhttps?:\/\/[^\s<>"'`{}|\\^]+|\b(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|huggingface\.co)\/[^\s<>"'`{}|\\^]+/gi;
const CODE_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org', 'huggingface.co']);
// Publishers, indexes and licences: pages about the paper's venue, not its project.
const NOT_PROJECT_HOSTS =
  /(^|\.)(arxiv\.org|doi\.org|creativecommons\.org|imstat\.org|isi\.cbs\.nl|springer\.com|ieee\.org|acm\.org|sciencedirect\.com|elsevier\.com|wiley\.com|nature\.com|aps\.org|iop\.org|jstor\.org|tandfonline\.com|mdpi\.com|aclanthology\.org|openreview\.net|semanticscholar\.org|scholar\.google\.com)$/;
const DOCUMENT_FILE = /\.(pdf|ps|ppt|pptx|doc|docx|gif|png|jpe?g|svg|eps)$/i;
const TRAILING_PUNCTUATION = /[.,;:!?'"*]+$/;
// Repository paths stop at these: /tree/main, /blob/..., /issues; on GitLab (with subgroups) at /-/.
const REPO_SUBPATH = /^(\/[^/]+\/[^/]+)\/(?:tree|blob|issues|pulls?|releases|wiki|commits?|actions|src)(?:\/.*)?$/;
const GITLAB_SUBPATH = /^(.+?)\/-(?:\/.*)?$/;

/** Finds code and project links in free text (abstract, comments). */
export function extractLinks(text: string): PaperLink[] {
  if (!mayHaveUrl(text)) return [];
  const links: PaperLink[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const link = classifyUrl(match[0]);
    if (link) links.push(link);
  }
  return mergeLinks([], links);
}

/** A cheap look before the costly URL expression: most abstracts have no link. */
function mayHaveUrl(text: string): boolean {
  return (
    text.includes('http') ||
    text.includes('www.') ||
    ['github', 'gitlab', 'bitbucket', 'codeberg', 'huggingface'].some((host) => text.includes(`${host}.`))
  );
}

/** Classifies a URL as a code or project link; null when it is neither (arXiv, DOI, malformed). */
export function classifyUrl(raw: string): PaperLink | null {
  const url = normalizeUrl(raw);
  if (!url) return null;
  const host = new URL(url).hostname;
  if (CODE_HOSTS.has(host)) return isCodePath(host, new URL(url).pathname) ? { kind: 'code', url } : null;
  if (NOT_PROJECT_HOSTS.test(host) || DOCUMENT_FILE.test(new URL(url).pathname)) return null;
  return { kind: 'project', url };
}

function isCodePath(host: string, path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  if (host === 'huggingface.co') return parts.length >= 2 && parts[0] !== 'papers' && parts[0] !== 'docs' && parts[0] !== 'blog';
  return parts.length >= 2;
}

/** https, no www, lower-case host, no trailing punctuation, slash, fragment or ".git"; repo URLs cut to the repo. */
export function normalizeUrl(raw: string): string | null {
  let text = trimTrailing(raw.trim());
  if (!/^https?:\/\//i.test(text)) text = `https://${text}`;
  if (!URL.canParse(text)) return null;
  const url = new URL(text);
  if (!url.hostname.includes('.')) return null;
  url.protocol = 'https:';
  url.hostname = url.hostname.toLowerCase().replace(/^www\./, '');
  url.hash = '';
  let path = url.pathname.replace(/\/+$/, '');
  if (CODE_HOSTS.has(url.hostname) && url.hostname !== 'huggingface.co') {
    const subpath = url.hostname === 'gitlab.com' ? GITLAB_SUBPATH : REPO_SUBPATH;
    path = (subpath.exec(path)?.[1] ?? path).replace(/\.git$/i, '');
    url.search = '';
  }
  url.pathname = path;
  return url.toString().replace(/\/$/, '');
}

/** Drops sentence punctuation and a closing bracket that has no opening one in the URL. */
function trimTrailing(url: string): string {
  let text = url.replace(TRAILING_PUNCTUATION, '');
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
  ] as const) {
    while (text.endsWith(close) && count(text, open) < count(text, close)) {
      text = text.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
    }
  }
  return text;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Union of link lists, first occurrence of each URL kept, in order. */
export function mergeLinks(first: PaperLink[], second: PaperLink[]): PaperLink[] {
  const byUrl = new Map<string, PaperLink>();
  for (const link of [...first, ...second]) if (!byUrl.has(link.url)) byUrl.set(link.url, link);
  return [...byUrl.values()];
}

/** The page and PDF links of a paper with an arXiv id, which every such paper's links start with; none for other ids. */
export function arxivLinks(id: string): PaperLink[] {
  if (parseArxivId(id)?.id !== id) return [];
  return [
    { kind: 'abs', url: arxivAbsUrl(id) },
    { kind: 'pdf', url: arxivPdfUrl(id) },
  ];
}

const startsWith = (links: PaperLink[], start: PaperLink[]) =>
  start.length > 0 && start.every((link, index) => links[index]?.kind === link.kind && links[index]?.url === link.url);

/** A paper's links as stored: without the arXiv links its id gives (a sixth of a paper's row, for nothing). */
export function storedLinks(id: string, links: PaperLink[]): PaperLink[] {
  const given = arxivLinks(id);
  return startsWith(links, given) ? links.slice(given.length) : links;
}

/** A paper's links from what was stored: the arXiv links its id gives, then the others (rows stored before hold them all). */
export function linksFromStore(id: string, stored: PaperLink[]): PaperLink[] {
  const given = arxivLinks(id);
  return given.length && !startsWith(stored, given.slice(0, 1)) ? [...given, ...stored] : stored;
}
