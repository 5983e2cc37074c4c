import { isApiProblem, type ApiProblem } from '../../shared/api/api-problem.ts';

/** One message per form field. */
export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/** The parts of a zod issue the forms read (zod's own issue type is a wide union). */
export interface ValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code: string;
  readonly origin?: string;
  readonly expected?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
}

/** The request field a server or schema path belongs to: 'resourceIds[2]' → 'resourceIds', 'rules[0].end' → 'rules'. */
export function baseFieldOf(field: string): string {
  return field.split(/[.[]/)[0] ?? field;
}

/**
 * zod's own wording ("Too small: expected number to be >=5") is for developers; the contracts
 * word the messages users see most, and these cover the rest.
 */
export function friendlyIssueMessage(issue: ValidationIssue): string {
  const isDefault = /^(Too small|Too big|Invalid input)/.test(issue.message);
  if (!isDefault) return issue.message;
  const minimum = issue.minimum === undefined ? undefined : Number(issue.minimum);
  const maximum = issue.maximum === undefined ? undefined : Number(issue.maximum);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return minimum === 1 ? 'Enter a value.' : `Use at least ${minimum} characters.`;
      if (issue.origin === 'array') return `Choose at least ${minimum}.`;
      return `Must be at least ${minimum}.`;
    case 'too_big':
      if (issue.origin === 'string') return `Use at most ${maximum} characters.`;
      if (issue.origin === 'array') return `Choose at most ${maximum}.`;
      return `Must be at most ${maximum}.`;
    case 'invalid_type':
      return issue.expected === 'int' ? 'Use a whole number.' : 'Enter a value.';
    default:
      return 'Check this value.';
  }
}

function isField<Field extends string>(fields: readonly Field[], candidate: unknown): candidate is Field {
  return fields.some((field) => field === candidate);
}

/** The first schema issue for each form field. */
export function fieldErrorsFromIssues<Field extends string>(
  issues: readonly ValidationIssue[],
  fields: readonly Field[],
): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (isField(fields, field) && errors[field] === undefined) errors[field] = friendlyIssueMessage(issue);
  }
  return errors;
}

/** The server's messages placed on the form fields they name (`errors[]`, else the top-level `field`). */
export function fieldErrorsFromProblem<Field extends string>(problem: ApiProblem, fields: readonly Field[]): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  const listed = problem.errors.length > 0 ? problem.errors : problem.field ? [{ field: problem.field, message: problem.detail }] : [];
  for (const { field, message } of listed) {
    const base = baseFieldOf(field);
    if (isField(fields, base) && errors[base] === undefined) errors[base] = message;
  }
  return errors;
}

/**
 * What to say about a failed save that no field explains (a stale edit, a missing permission,
 * the network), or undefined when the fields carry the messages.
 */
export function unplacedSaveProblem(error: unknown, fields: readonly string[], noun: string): string | undefined {
  if (!error) return undefined;
  if (!isApiProblem(error)) return 'The change could not be saved. Try again.';
  if (error.status === 412) {
    return `Someone else changed this ${noun} while you were editing. The page now shows their version: close this form, check it, and make your change again.`;
  }
  if (error.status === 403) return 'Your role cannot change practice setup. Owners and admins can.';
  const placed = Object.keys(fieldErrorsFromProblem(error, fields)).length > 0;
  return placed ? undefined : error.detail;
}
