import { SchedulingInputError } from '@glowdesk/scheduling';
import { ValidationError } from '../../platform/errors.ts';

/**
 * Runs an engine call. The API validates everything the engine checks, so an engine input
 * error means stored data the engine cannot read (say, a zone this runtime lacks): a 400
 * naming the engine's field rather than a 500.
 */
export function callingEngine<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof SchedulingInputError) {
      throw new ValidationError(`The schedule cannot be computed: ${error.message}`, { field: error.field, code: 'unschedulable_input' });
    }
    throw error;
  }
}
