// Canonical paper ids: the arXiv id without version, else the DOI, else an id
// scoped by its source.
export interface ArxivId {
  id: string;
  version: number | null;
}

const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const OLD_STYLE = /^([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?$/;

/** Parses "2401.00001v2", "arXiv:2401.00001", "hep-th/9504118v1", an arXiv abs/pdf URL or a Hugging Face paper URL. */
export function parseArxivId(text: string): ArxivId | null {
  const bare = text
    .trim()
    .replace(/^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\//i, '')
    .replace(/^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/papers\//i, '')
    .replace(/^oai:arXiv\.org:/i, '')
    .replace(/^arxiv:/i, '')
    .replace(/[?#].*$/, '')
    .replace(/\/$/, '')
    .replace(/\.pdf$/i, '');
  const match = NEW_STYLE.exec(bare) ?? OLD_STYLE.exec(bare);
  if (!match?.[1]) return null;
  return { id: match[1], version: match[2] ? Number(match[2]) : null };
}

export function canonicalId(parts: { arxivId: string | null; doi: string | null; source: string; sourceId: string }): string {
  if (parts.arxivId) return parts.arxivId;
  if (parts.doi) return `doi:${parts.doi.toLowerCase()}`;
  return `${parts.source}:${parts.sourceId}`;
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}

/** Month of an arXiv id as an ISO date ("2503.01234" → 2025-03-01), null for old-style ids. */
export function arxivIdMonth(id: string): string | null {
  const match = /^(\d{2})(\d{2})\./.exec(id);
  if (!match) return null;
  return `20${match[1]}-${match[2]}-01T00:00:00.000Z`;
}
