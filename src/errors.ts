// The one error type features throw. Only the web onError and the CLI entry
// map its kind to a status code or an exit code.
export type ErrorKind = 'not_found' | 'invalid' | 'conflict' | 'unauthorized' | 'forbidden' | 'rate_limited' | 'too_large' | 'unavailable';

export class AppError extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.kind = kind;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The message, with the underlying cause when there is one (fetch says only "fetch failed"). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  const detail = cause?.code ?? cause?.message;
  return detail && !error.message.includes(detail) ? `${error.message} (${detail})` : error.message;
}
