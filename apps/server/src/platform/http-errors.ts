import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { sqlStateOf } from './database.ts';
import { AppError, TooManyRequestsError, type FieldProblem } from './errors.ts';

const PROBLEM_TYPE_BASE = 'https://glowdesk.app/problems/';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  field?: string;
  errors?: FieldProblem[];
  requestId: string;
  [extension: string]: unknown;
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  402: 'Payment required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

interface Problem {
  status: number;
  code: string;
  detail: string;
  field?: string | undefined;
  errors?: FieldProblem[];
  extensions?: Record<string, unknown>;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type('application/problem+json').send(problemBodyOf(request, problem));
}

/** The problem+json body of an answer (sendProblem sends it). */
export function problemBodyOf(request: FastifyRequest, problem: Problem): ProblemBody {
  const body: ProblemBody = {
    type: PROBLEM_TYPE_BASE + problem.code,
    title: titles[problem.status] ?? 'Error',
    status: problem.status,
    code: problem.code,
    detail: problem.detail,
    requestId: request.id,
    ...problem.extensions,
  };
  if (problem.field !== undefined) body.field = problem.field;
  if (problem.errors && problem.errors.length > 0) body.errors = problem.errors;
  return body;
}

/** Turns a zod issue path like ['body','lines',0,'amount'] into 'lines[0].amount'. */
function fieldFromPath(instancePath: string, context: string | undefined): string {
  const parts = instancePath.split('/').filter(Boolean);
  const field = parts.map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
  if (field) return field;
  return context === 'body' ? 'body' : (context ?? 'request');
}

function isContainer(field: string): boolean {
  return field === 'body' || field === 'querystring' || field === 'params' || field === 'headers';
}

type ValidationIssue = { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> };

/**
 * A whole number's bound as JavaScript's safe-integer range (what zod's `.int()` adds to every
 * integer): when the field has a bound of its own (720 minutes), that one is what to report.
 */
function isSafeIntegerBound(issue: ValidationIssue): boolean {
  const bound = issue.params.maximum ?? issue.params.minimum;
  return (issue.keyword === 'too_big' || issue.keyword === 'too_small') && Math.abs(Number(bound)) === Number.MAX_SAFE_INTEGER;
}

function validationProblems(error: { validation: ValidationIssue[] }, context: string | undefined): FieldProblem[] {
  const ownBounds = new Set(error.validation.filter((issue) => !isSafeIntegerBound(issue)).map((issue) => issue.instancePath));
  const issues = error.validation.filter((issue) => !(isSafeIntegerBound(issue) && ownBounds.has(issue.instancePath)));
  return issues.flatMap((issue) => {
    const base = fieldFromPath(issue.instancePath, context);
    const keys = issue.params?.keys;
    if (Array.isArray(keys) && keys.length > 0) {
      // Unknown fields: name each one.
      return keys.map((key) => ({
        field: isContainer(base) ? String(key) : `${base}.${String(key)}`,
        message: `Unknown field "${String(key)}".`,
        code: 'unknown_field',
      }));
    }
    return [{ field: base, message: issue.message ?? 'Invalid value.', code: issue.keyword }];
  });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    sendProblem(request, reply, {
      status: 404,
      code: 'route_not_found',
      detail: `No route for ${request.method} ${request.url.split('?')[0]}.`,
    });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext;
      const errors = validationProblems(error, context);
      const first = errors[0];
      return sendProblem(request, reply, {
        status: 400,
        code: 'validation_failed',
        detail: first ? `${first.field}: ${first.message}` : 'The request is not valid.',
        field: first?.field,
        errors,
      });
    }
    if (error instanceof AppError) {
      if (error instanceof TooManyRequestsError) reply.header('retry-after', String(error.retryAfterSeconds));
      const errors = 'problems' in error ? (error.problems as FieldProblem[]) : undefined;
      return sendProblem(request, reply, {
        status: error.status,
        code: error.code,
        detail: error.message,
        field: error.field,
        ...(errors ? { errors } : {}),
        extensions: error.extensions,
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return sendProblem(request, reply, {
        status: 500,
        code: 'internal_error',
        detail: 'Something went wrong on our side. The error was logged.',
      });
    }
    const sqlState = sqlStateOf(error);
    if (sqlState === '22P02' || sqlState === '22007' || sqlState === '22008') {
      return sendProblem(request, reply, { status: 400, code: 'invalid_value', detail: 'A value in the request has the wrong format.' });
    }
    if (
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      (error instanceof SyntaxError && error.statusCode === 400)
    ) {
      return sendProblem(request, reply, {
        status: 400,
        code: 'malformed_json',
        detail: 'The request body is not valid JSON.',
        field: 'body',
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const code =
        error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported_media_type'
          : error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
            ? 'payload_too_large'
            : 'bad_request';
      return sendProblem(request, reply, { status: error.statusCode, code, detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, {
      status: 500,
      code: 'internal_error',
      detail: 'Something went wrong on our side. The error was logged.',
    });
  });
}
