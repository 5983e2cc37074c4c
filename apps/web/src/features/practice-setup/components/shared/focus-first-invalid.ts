/** After a refused submit, puts the keyboard on the first field with an error, scrolling it into view. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  // The error attributes render on the next frame.
  requestAnimationFrame(() => {
    const field = form?.querySelector<HTMLElement>('[aria-invalid="true"], [data-error="true"] input');
    field?.focus();
  });
}
