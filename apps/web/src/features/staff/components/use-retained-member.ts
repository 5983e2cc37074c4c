import type { StaffMember } from '@glowdesk/contracts';
import { useState } from 'react';

/**
 * Keeps showing the last account while a modal animates closed after its parent cleared the
 * selection, so the title does not go blank mid-transition.
 */
export function useRetainedMember(member: StaffMember | null): StaffMember | null {
  const [retained, setRetained] = useState(member);
  if (member !== null && member !== retained) setRetained(member);
  return member ?? retained;
}
