import { useState } from 'react';

/**
 * Keeps the last non-null value while a modal animates closed after its parent cleared the
 * selection, so its title and body do not go blank mid-transition.
 */
export function useRetained<T>(value: T | null): T | null {
  const [retained, setRetained] = useState(value);
  if (value !== null && value !== retained) setRetained(value);
  return value ?? retained;
}
