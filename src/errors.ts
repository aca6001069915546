// The one error type features throw. Only the web onError and the CLI entry
// map its kind to a status code or an exit code.
export type ErrorKind = 'not_found' | 'invalid' | 'conflict' | 'unauthorized' | 'unavailable';

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

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
