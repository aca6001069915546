// The checks a query's plan (match-plan.ts) puts on papers, as the ranking and
// the newest-first order apply them: a test per paper for the terms it must
// hold (its categories' and code's key terms among them) and the dates it must
// be in, the single words it must not hold, and hidden papers; and, for phrases
// of several words, a look at the text of a batch of papers.
import type { Matcher } from '../text-index/matching.ts';
import { intersect, isRefused, membership, type Refused } from '../text-index/seq-sets.ts';
import { seqsInRange } from '../text-index/date-keys.ts';
import { inARowChecks, type MatchPlan } from './match-plan.ts';

/** Terms a word being typed may start, at most (FTS5's prefix query had no bound; 3 letters start few hundred terms). */
const PREFIX_TERMS = 2_000;

export interface PaperChecks {
  /** Terms held, in the dates, single words excluded, not hidden; undefined when there is nothing to check. */
  accept?: (seq: number) => boolean;
  /** Papers turned away whatever they hold: hidden, or holding a single word excluded; null when none is. */
  refused: Refused | null;
  /** Of a batch of papers, those whose text holds the plan's phrases in a row; null when it has none. */
  inText: ((seqs: number[]) => Promise<Set<number>>) | null;
  /**
   * The papers holding every required term, a term the prefix starts and a key term of each
   * filter's group, and in the dates, in seq order; null when none of these is asked.
   */
  holding: Int32Array | null;
  /** How many papers `accept` may turn away, when it checks only that papers are not hidden; null when it checks more. */
  turnsAwayAtMost: number | null;
}

export interface PaperCheckDeps {
  matcher: Matcher;
  termsStartingWith(prefix: string, limit: number): Promise<string[]>;
  hiddenSeqs(): Promise<Set<number>>;
  /** Each paper's date key by seq (the index's, caught up). */
  dateKeys(): Promise<Int32Array>;
}

export async function checksOf(deps: PaperCheckDeps, plan: MatchPlan): Promise<PaperChecks> {
  const holding = await heldByAll(deps, plan);
  const excludedWords = plan.excluded.filter((phrase) => phrase.terms.length === 1).map((phrase) => phrase.terms[0]!);
  // A byte per seq: built and tested faster than a Set of hundreds of thousands of papers.
  const excluded = excludedWords.length ? membership(await deps.matcher.holdingAny(excludedWords)) : null;
  const hidden = await deps.hiddenSeqs();
  // Without any, null: ranking then skips the check per paper.
  const refused = excluded || hidden.size ? { seqs: hidden, marked: excluded } : null;
  // Built at the first paper asked about: ranking keeps to `holding` itself, and a byte for each of 2.7 million
  // papers, a million of them set, was a third of a category search's time.
  let held: Uint8Array | null = null;
  const holds = (seq: number) => (held ??= membership(holding!))[seq] === 1;
  const admitted = (seq: number) => !refused || !isRefused(refused, seq);
  const accept = holding ? (seq: number) => holds(seq) && admitted(seq) : refused ? admitted : undefined;
  const rows = inARowChecks(plan);
  const inText = rows ? (seqs: number[]) => deps.matcher.inTheirText(seqs, rows.required, rows.excluded) : null;
  return { accept, refused, inText, holding, turnsAwayAtMost: holding || excluded ? null : hidden.size };
}

async function heldByAll(deps: PaperCheckDeps, plan: MatchPlan): Promise<Int32Array | null> {
  let holding = await deps.matcher.holdingAll(plan.required);
  const anyOf = plan.prefix === null ? plan.keyed : [...plan.keyed, await deps.termsStartingWith(plan.prefix, PREFIX_TERMS)];
  for (const terms of anyOf) {
    if (holding?.length === 0) break;
    const held = await deps.matcher.holdingAny(terms);
    holding = holding ? intersect(holding, held) : held;
  }
  if (!plan.dates || holding?.length === 0) return holding;
  const inDates = seqsInRange(await deps.dateKeys(), plan.dates);
  return holding ? intersect(holding, inDates) : inDates;
}
