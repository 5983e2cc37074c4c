/** The query cannot be answered as given; `field` is the dotted path of the value at fault. */
export class SchedulingInputError extends Error {
  override readonly name = 'SchedulingInputError';
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}
