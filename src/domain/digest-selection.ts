// Which papers go into a digest: the reader's sections take turns (so a busy
// category never crowds out an alert), no paper twice, none the reader was
// sent before, at most the reader's number. A paper wanted by two sections
// goes to the first and carries both reasons.

export type SectionKind = 'alerts' | 'forYou' | 'authors' | 'categories' | 'trending';

/** Sections in the order they take turns and appear in a digest. */
export const SECTION_KINDS: readonly SectionKind[] = ['alerts', 'forYou', 'authors', 'categories', 'trending'];

export const SECTION_TITLES: Record<SectionKind, string> = {
  alerts: 'Your alerts',
  forYou: 'For you',
  authors: 'Authors you follow',
  categories: 'New in your categories',
  trending: 'Trending',
};

export interface Candidate {
  paperId: string;
  /** A few words saying why: "matches your alert neural audio codec", "new in cs.SD". */
  reason: string;
}

export interface SectionCandidates {
  kind: SectionKind;
  /** Best first. */
  candidates: Candidate[];
}

export interface Selected {
  paperId: string;
  section: SectionKind;
  reasons: string[];
}

export function selectPapers(sections: readonly SectionCandidates[], alreadySent: ReadonlySet<string>, max: number): Selected[] {
  const reasons = reasonsByPaper(sections);
  const chosen = new Map<string, Selected>();
  const queues = sections.map((section) => ({ kind: section.kind, rest: section.candidates.filter((c) => !alreadySent.has(c.paperId)) }));
  let progressed = true;
  while (chosen.size < max && progressed) {
    progressed = false;
    for (const queue of queues) {
      if (chosen.size >= max) break;
      const next = takeUnchosen(queue.rest, chosen);
      if (!next) continue;
      chosen.set(next.paperId, { paperId: next.paperId, section: queue.kind, reasons: reasons.get(next.paperId)! });
      progressed = true;
    }
  }
  const order = new Map(sections.map((section, index) => [section.kind, index]));
  return [...chosen.values()].sort((a, b) => order.get(a.section)! - order.get(b.section)!);
}

function takeUnchosen(rest: Candidate[], chosen: ReadonlyMap<string, Selected>): Candidate | undefined {
  while (rest.length) {
    const next = rest.shift()!;
    if (!chosen.has(next.paperId)) return next;
  }
  return undefined;
}

function reasonsByPaper(sections: readonly SectionCandidates[]): Map<string, string[]> {
  const reasons = new Map<string, string[]>();
  for (const section of sections)
    for (const { paperId, reason } of section.candidates) {
      const list = reasons.get(paperId) ?? [];
      if (!list.includes(reason)) list.push(reason);
      reasons.set(paperId, list);
    }
  return reasons;
}

/** One list from several (one per alert, author or category), taking turns, each paper once. */
export function interleave(lists: readonly Candidate[][]): Candidate[] {
  const merged: Candidate[] = [];
  const seen = new Set<string>();
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let index = 0; index < longest; index++)
    for (const list of lists) {
      const candidate = list[index];
      if (candidate && !seen.has(candidate.paperId)) {
        seen.add(candidate.paperId);
        merged.push(candidate);
      }
    }
  return merged;
}

/** A paper as a digest shows it. */
export interface DigestPaper {
  id: string;
  title: string;
  authors: string[];
  abstract: string;
  codeUrl: string | null;
}

export interface DigestItem {
  paper: DigestPaper;
  reasons: string[];
}

export interface ComposedDigest {
  accountId: number;
  email: string;
  edition: string;
  /** The first paper day it covers. */
  since: string;
  sections: { kind: SectionKind; title: string; items: DigestItem[] }[];
  /** Set when there is nothing new: one line saying why (the reader chose to be told rather than skipped). */
  quietNote: string | null;
}

export function paperCount(digest: ComposedDigest): number {
  return digest.sections.reduce((sum, section) => sum + section.items.length, 0);
}
