/**
 * The one error type of the pipeline. `code` is stable (handlers map it to HTTP status, the CLI to an exit
 * code); `retriable` tells the runner whether a retry with back-off can help; the message says what to do.
 */
export const errorCodes = [
  'INVALID_ARGUMENT', // a flag, body or config value is wrong: fix the input
  'INVALID_RECORD', // a record does not match its schema (used for quarantine reasons, not thrown per record)
  'NOT_FOUND', // a run, stage, topic or file does not exist
  'CONFLICT', // a run is already running, a stage's inputs are missing
  'IO_ERROR', // the file system or object store failed
  'CORRUPT_DATA', // a segment, manifest or file on disk is damaged
  'SERVICE_UNAVAILABLE', // a broker, database or object store cannot be reached (retriable)
  'TIMEOUT', // a stage or call took longer than its limit (retriable)
  'CANCELLED', // the learner or a signal stopped the run
  'INTERNAL', // a bug: please report it
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface PipelineErrorOptions {
  retriable?: boolean;
  cause?: unknown;
  /** Structured context: which file, which field, what was expected. */
  details?: Record<string, unknown>;
}

export class PipelineError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: PipelineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PipelineError';
    this.code = code;
    this.retriable = options.retriable ?? (code === 'SERVICE_UNAVAILABLE' || code === 'TIMEOUT');
    this.details = options.details ?? {};
  }

  toJSON(): {
    name: string;
    code: ErrorCode;
    message: string;
    retriable: boolean;
    details: Record<string, unknown>;
  } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retriable: this.retriable,
      details: this.details,
    };
  }
}

export function isPipelineError(error: unknown): error is PipelineError {
  return error instanceof PipelineError;
}

/** HTTP status for each code, used by the route handlers. */
export const httpStatusByCode: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  INVALID_RECORD: 422,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IO_ERROR: 500,
  CORRUPT_DATA: 500,
  SERVICE_UNAVAILABLE: 503,
  TIMEOUT: 504,
  CANCELLED: 499,
  INTERNAL: 500,
};

/** CLI exit code for each code (sysexits-style where one fits). */
export const exitCodeByCode: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 64,
  INVALID_RECORD: 65,
  NOT_FOUND: 66,
  CONFLICT: 75,
  IO_ERROR: 74,
  CORRUPT_DATA: 65,
  SERVICE_UNAVAILABLE: 69,
  TIMEOUT: 75,
  CANCELLED: 130,
  INTERNAL: 70,
};
