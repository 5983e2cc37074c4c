import type { FieldProblem } from '../../platform/errors.ts';
import { PreconditionFailedError, ValidationError } from '../../platform/errors.ts';

/** One problem per id in `ids` (the request field `field`) that is not among `foundIds`. */
export function problemsForUnknownIds(ids: readonly string[], foundIds: ReadonlySet<string>, field: string, what: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  ids.forEach((id, index) => {
    if (!foundIds.has(id)) problems.push({ field: `${field}[${index}]`, message: `No ${what} with this id.`, code: 'unknown_id' });
  });
  return problems;
}

/** Throws one 400 naming every problem, the first as `field`. */
export function throwIfProblems(problems: readonly FieldProblem[]): void {
  const first = problems[0];
  if (!first) return;
  throw new ValidationError(`${first.field}: ${first.message}`, {
    field: first.field,
    code: first.code ?? 'validation_failed',
    problems: [...problems],
  });
}

/** Refuses an edit made against an older version (If-Match). */
export function assertVersion(expectedVersion: number | undefined, currentVersion: number): void {
  if (expectedVersion !== undefined && expectedVersion !== currentVersion) throw new PreconditionFailedError();
}
