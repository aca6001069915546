// Hugging Face daily papers responses (/api/daily_papers), every schema variant
// seen since 2024. Keeps paper metadata, upvotes, comment counts and GitHub
// links; submitter names, usernames and avatars are never read.
import { AppError } from '../errors.ts';
import type { RawPaper, Signal } from '../domain/paper.ts';
import type { PaperLink } from '../domain/links.ts';
import { classifyUrl } from '../domain/links.ts';
import { parsedError, type ParsedItem } from './parsed.ts';
import { asNumber, asRecord, asString } from './json.ts';

export function parseHfDaily(text: string, where: string): ParsedItem[] {
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid', `${where} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(entries)) throw new AppError('invalid', `${where} is not a daily papers list (expected a JSON array)`);
  return entries.map((entry, index) => {
    const at = `${where}[${index}]`;
    try {
      const paper = parseHfEntry(entry);
      return { at: `${at} ${paper.sourceId}`, paper };
    } catch (error) {
      return parsedError(at, error);
    }
  });
}

export function parseHfEntry(value: unknown): RawPaper {
  const entry = asRecord(value);
  const paper = asRecord(entry.paper);
  const id = asString(paper.id);
  if (!id) throw new Error('entry has no paper.id');
  const observedAt = asString(paper.submittedOnDailyAt) ?? asString(entry.publishedAt) ?? asString(paper.publishedAt);
  return {
    source: 'hf-daily',
    sourceId: id,
    arxivId: id,
    title: asString(paper.title) ?? asString(entry.title),
    abstract: asString(paper.summary) ?? asString(entry.summary),
    authors: Array.isArray(paper.authors) ? paper.authors.map((author) => asString(asRecord(author).name)) : [],
    publishedAt: asString(paper.publishedAt),
    links: hfLinks(paper),
    signals: observedAt ? hfSignals(entry, paper, observedAt) : [],
  };
}

function hfLinks(paper: Record<string, unknown>): PaperLink[] {
  return [asString(paper.githubRepo), asString(paper.projectPage)]
    .map((url) => (url ? classifyUrl(url) : null))
    .filter((link): link is PaperLink => link !== null);
}

function hfSignals(entry: Record<string, unknown>, paper: Record<string, unknown>, observedAt: string): Signal[] {
  const day = new Date(observedAt);
  if (Number.isNaN(day.getTime())) return [];
  const at = day.toISOString();
  const signals: Signal[] = [];
  const add = (name: Signal['name'], value: number | null) => value != null && signals.push({ name, value, observedAt: at });
  add('upvotes', asNumber(paper.upvotes));
  add('github_stars', asNumber(paper.githubStars));
  add('comments', asNumber(entry.numComments));
  return signals;
}
