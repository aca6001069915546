// A search hit as pages and the API show it: fields, plus title and abstract
// excerpt as HTML with the matched terms in <mark>.
import type { IndexHit } from './lexical.ts';
import { MARK_END, MARK_START } from '../domain/highlight.ts';
import { excerpt, texToHtml } from '../domain/tex.ts';

export interface SearchHit {
  id: string;
  title: string;
  authors: string[];
  primaryCategory: string | null;
  publishedAt: string | null;
  hasCode: boolean;
  score: number;
  titleHtml: string;
  snippetHtml: string;
}

const EXCERPT_WORDS = 40;

export function toHit(row: IndexHit): SearchHit {
  return {
    id: row.id,
    title: row.title,
    authors: JSON.parse(row.authors) as string[],
    primaryCategory: row.primaryCategory,
    publishedAt: row.publishedAt,
    hasCode: row.hasCode === 1,
    score: row.score,
    titleHtml: markedToHtml(row.markedTitle ?? row.title),
    snippetHtml: markedToHtml(row.markedAbstract ?? excerpt(row.abstract, EXCERPT_WORDS)),
  };
}

/** Escapes everything and renders TeX math, then turns the index's marks into <mark> elements. */
export function markedToHtml(marked: string): string {
  return texToHtml(marked).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}
