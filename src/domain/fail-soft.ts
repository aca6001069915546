// One record that cannot be rendered degrades its own card, never the page or
// feed around it: the text is shown as written instead, and the failure is
// reported once per text (not on every request that meets it).

export interface RenderFailure {
  /** What was being rendered, e.g. "TeX as HTML". */
  what: string;
  /** The start of the text that failed. */
  sample: string;
  error: unknown;
}

const SAMPLE_LENGTH = 200;
/** Failures remembered as reported; past this many, the memory starts again. */
const REMEMBERED = 1000;

let reporter: (failure: RenderFailure) => void = () => {};
const reported = new Set<string>();

/** Where failures go (the log); set once by the composition of services. */
export function reportRenderFailuresTo(report: (failure: RenderFailure) => void): void {
  reporter = report;
}

/** `render(input)`, or `fallback(input)` when rendering throws. */
export function renderOr<T>(what: string, input: string, render: (input: string) => T, fallback: (input: string) => T): T {
  try {
    return render(input);
  } catch (error) {
    reportOnce({ what, sample: input.slice(0, SAMPLE_LENGTH), error });
    return fallback(input);
  }
}

function reportOnce(failure: RenderFailure): void {
  const key = `${failure.what}\u0000${failure.sample}`;
  if (reported.has(key)) return;
  if (reported.size >= REMEMBERED) reported.clear();
  reported.add(key);
  try {
    reporter(failure);
  } catch {
    // A failing reporter must not turn a soft failure into a hard one.
  }
}
