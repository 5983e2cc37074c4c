import { useRef, useState } from 'react';
import type { FieldErrors } from '../../form-errors.ts';
import { focusFirstInvalid } from './focus-first-invalid.ts';

/** A form's messages per field; showing them moves the keyboard to the first one. */
export function useFieldErrors<Field extends string>() {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  function showErrors(next: FieldErrors<Field>) {
    setErrors(next);
    focusFirstInvalid(formRef.current);
  }
  return { formRef, errors, setErrors, showErrors };
}
