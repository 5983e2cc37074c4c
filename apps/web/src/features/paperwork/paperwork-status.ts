import type { PaperworkKind, PaperworkStatus, StaffRole } from '@glowdesk/contracts';

/** Red: the patient (or witness) still has something to do; orange: waiting for the witness; green: done. */
export const paperworkStatusColors: Record<PaperworkStatus, string> = {
  not_signed: 'red',
  not_filled: 'red',
  not_viewed: 'red',
  witness_signature_required: 'orange',
  signed: 'green',
  filled: 'green',
  viewed: 'green',
};

/** Statuses a staff reset takes back to the start: the patient (or witness) acted. The server refuses the others. */
const resettableStatuses: readonly PaperworkStatus[] = ['witness_signature_required', 'signed', 'filled', 'viewed'];

/** Who may reset a form ("contact your support team to reset the form"); the server checks the same roles. */
const resetRoles: readonly StaffRole[] = ['owner', 'admin', 'front_desk'];

export function canResetPaperwork(role: StaffRole, status: PaperworkStatus): boolean {
  return resetRoles.includes(role) && resettableStatuses.includes(status);
}

/** A consent the patient signed has a PDF (the witnessed one once a witness signed). */
export function hasSignedPdf(assignment: { kind: PaperworkKind; status: PaperworkStatus }): boolean {
  return assignment.kind === 'consent' && (assignment.status === 'signed' || assignment.status === 'witness_signature_required');
}

/** Only a consent waiting for its witness can be witnessed; any staff member may sign as witness. */
export function canWitness(status: PaperworkStatus): boolean {
  return status === 'witness_signature_required';
}

/** Who may write templates and attach them to services. */
export function canManagePaperwork(role: StaffRole): boolean {
  return role === 'owner' || role === 'admin';
}

/** What a reset asks of the patient, by kind: "the patient signs it again". */
export const paperworkKindRedo: Record<PaperworkKind, string> = {
  consent: 'signs it again',
  questionnaire: 'fills it in again',
  instructions: 'reads it again',
};
