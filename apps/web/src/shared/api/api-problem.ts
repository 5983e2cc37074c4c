import type { Problem } from '@glowdesk/contracts';

export interface FieldProblem {
  field: string;
  message: string;
  code?: string | undefined;
}

/**
 * A failed API call, shaped like the server's application/problem+json body. Network failures
 * and unreadable answers become problems too (status 0 / `network_error`, `unexpected_response`),
 * so every caller handles one error type.
 */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly field: string | undefined;
  readonly errors: FieldProblem[];
  readonly requestId: string | undefined;
  /** From the Retry-After header of a 429 or 503. */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    detail: string;
    field?: string | undefined;
    errors?: FieldProblem[] | undefined;
    requestId?: string | undefined;
    retryAfterSeconds?: number | undefined;
  }) {
    super(init.detail);
    this.name = 'ApiProblem';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.field = init.field;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  static fromProblem(problem: Problem, retryAfterSeconds: number | undefined): ApiProblem {
    return new ApiProblem({ ...problem, retryAfterSeconds });
  }

  /** The message for one form field, from `errors` or the top-level `field`. */
  messageFor(field: string): string | undefined {
    const listed = this.errors.find((problem) => problem.field === field);
    if (listed) return listed.message;
    return this.field === field ? this.detail : undefined;
  }
}

export function isApiProblem(error: unknown, status?: number): error is ApiProblem {
  return error instanceof ApiProblem && (status === undefined || error.status === status);
}
