// Finds the math in a text ($$…$$, $…$, \(…\)) in one pass: each delimiter is
// looked for once past the last one found, so a text of unclosed openers costs
// no more than a text without any.

export interface TextPart {
  text: string;
  /** The part between delimiters, without them. */
  math: boolean;
}

export function splitMath(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const closers = new ClosingFinder(text);
  let plainFrom = 0;
  let at = 0;
  while (at < text.length) {
    const found = mathAt(text, at, closers);
    if (!found) {
      at++;
      continue;
    }
    if (at > plainFrom) parts.push({ text: text.slice(plainFrom, at), math: false });
    parts.push({ text: text.slice(found.start, found.end), math: true });
    at = plainFrom = found.end + found.closeLength;
  }
  if (plainFrom < text.length) parts.push({ text: text.slice(plainFrom), math: false });
  return parts;
}

/** The formula opening at `at`, if one does: where its text starts and ends, and its closer's length. */
function mathAt(text: string, at: number, closers: ClosingFinder) {
  if (text.startsWith('\\(', at)) {
    const close = closers.next('\\)', at + 3);
    return close < 0 ? null : { start: at + 2, end: close, closeLength: 2 };
  }
  if (text[at] !== '$') return null;
  // $$…$$ when the formula after $$ is followed by $$; else $…$. Either holds one character at least.
  if (text[at + 1] === '$') {
    const close = closers.next('$', at + 2);
    return close > at + 2 && text[close + 1] === '$' ? { start: at + 2, end: close, closeLength: 2 } : null;
  }
  const close = closers.next('$', at + 1);
  return close > at + 1 ? { start: at + 1, end: close, closeLength: 1 } : null;
}

/**
 * The next occurrence of a closer at or after a position. Positions asked for only grow, so
 * an answer is reused while it lies ahead, and "none" is final.
 */
class ClosingFinder {
  private readonly found = new Map<string, number>();
  constructor(private readonly text: string) {}
  next(closer: string, from: number): number {
    const known = this.found.get(closer);
    if (known !== undefined && (known < 0 || known >= from)) return known;
    const at = this.text.indexOf(closer, from);
    this.found.set(closer, at);
    return at;
  }
}
