/** Errors the caller can act on; mapped once to application/problem+json in http-errors.ts. */
export interface FieldProblem {
  field: string;
  message: string;
  code?: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly field: string | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(message: string, options: { field?: string; extensions?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.field = options.field;
    this.extensions = options.extensions ?? {};
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code: string;
  readonly problems: FieldProblem[];

  constructor(message: string, options: { field?: string; code?: string; problems?: FieldProblem[] } = {}) {
    super(message, options.field === undefined ? {} : { field: options.field });
    this.code = options.code ?? 'validation_failed';
    this.problems = options.problems ?? (options.field ? [{ field: options.field, message }] : []);
  }
}

export class UnauthenticatedError extends AppError {
  readonly status = 401;
  readonly code: string;
  constructor(message = 'Sign in to continue.', code = 'unauthenticated') {
    super(message);
    this.code = code;
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code: string;
  constructor(message = 'Your role does not allow this action.', code = 'forbidden') {
    super(message);
    this.code = code;
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
  constructor(what: string, field?: string) {
    super(`${what} was not found.`, field === undefined ? {} : { field });
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly code: string;
  constructor(message: string, code = 'conflict', options: { field?: string; extensions?: Record<string, unknown> } = {}) {
    super(message, options);
    this.code = code;
  }
}

export class PreconditionFailedError extends AppError {
  readonly status = 412;
  readonly code = 'stale_version';
  constructor(message = 'This record changed since you loaded it. Reload and try again.') {
    super(message, { field: 'If-Match' });
  }
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly code = 'too_many_requests';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message, { extensions: { retryAfterSeconds } });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
