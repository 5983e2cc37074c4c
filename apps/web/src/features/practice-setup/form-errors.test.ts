import { createClinicRequestSchema } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../shared/api/api-problem.ts';
import { baseFieldOf, fieldErrorsFromIssues, fieldErrorsFromProblem, unplacedSaveProblem } from './form-errors.ts';

const fields = ['name', 'slotStepMinutes', 'resourceIds'] as const;

describe('form errors', () => {
  it('names the request field a nested path belongs to', () => {
    expect(baseFieldOf('resourceIds[2]')).toBe('resourceIds');
    expect(baseFieldOf('rules[0].end')).toBe('rules');
    expect(baseFieldOf('name')).toBe('name');
  });

  it("rewords zod's developer messages and keeps the contracts' own", () => {
    const parsed = createClinicRequestSchema.safeParse({ name: ' ', timezone: 'America/New_York', slotStepMinutes: 2 });
    expect(parsed.success).toBe(false);
    const errors = fieldErrorsFromIssues(parsed.error?.issues ?? [], fields);
    expect(errors).toEqual({ name: 'Enter a name.', slotStepMinutes: 'Must be at least 5.' });
  });

  it("places the server's messages on the fields they name, one per field", () => {
    const problem = new ApiProblem({
      status: 400,
      code: 'resource_not_at_clinic',
      detail: 'resourceIds[1]: …',
      errors: [
        { field: 'resourceIds[1]', message: 'Laser belongs to a clinic that does not offer this service.' },
        { field: 'resourceIds[2]', message: 'Another.' },
        { field: 'unknownField', message: 'Ignored.' },
      ],
    });
    expect(fieldErrorsFromProblem(problem, fields)).toEqual({ resourceIds: 'Laser belongs to a clinic that does not offer this service.' });
  });

  it('uses the top-level field of a conflict that lists no errors', () => {
    const problem = new ApiProblem({ status: 409, code: 'name_taken', detail: 'Another clinic already has this name.', field: 'name' });
    expect(fieldErrorsFromProblem(problem, fields)).toEqual({ name: 'Another clinic already has this name.' });
    expect(unplacedSaveProblem(problem, fields, 'clinic')).toBeUndefined();
  });

  it('explains a stale edit in words, not as a field error', () => {
    const problem = new ApiProblem({ status: 412, code: 'precondition_failed', detail: 'Version mismatch', field: 'If-Match' });
    expect(unplacedSaveProblem(problem, fields, 'clinic')).toMatch(/Someone else changed this clinic/);
  });
});
