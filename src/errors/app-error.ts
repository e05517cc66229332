import { ERROR_CODES, type ErrorCode } from './error-codes.ts';

/** One field that failed validation, with a dotted path such as `batch.3.event`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one error type the API answers with. The HTTP status follows from the code, so a code
 * always means the same status everywhere.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly data: unknown;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { data?: unknown; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.statusCode = ERROR_CODES[code];
    this.data = options.data;
    this.headers = options.headers;
  }

  static validation(fields: FieldError[], message = 'The request has invalid fields.'): AppError {
    return new AppError('validation_failed', message, { data: { fields } });
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} not found.`);
  }
}
