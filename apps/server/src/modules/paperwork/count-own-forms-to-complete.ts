import type { Transaction } from '../../platform/database.ts';
import { isShownNow, loadVisitsWithin, needsPatientAction } from './own-paperwork.ts';
import * as signing from './paperwork-signing-repository.ts';

/** More forms than a patient gathers in years of visits. */
const MAX_FORMS_COUNTED = 300;

/**
 * How many of the patient's forms showing in the portal now still need them (Not Signed,
 * Not Filled, Not Viewed): the Dashboard's paperwork badge, read in the caller's transaction.
 */
export async function countOwnFormsToCompleteWithin(tx: Transaction, practiceId: string, patientId: string, now: Date): Promise<number> {
  const assigned = (await signing.listPortalAssignments(tx, practiceId, patientId, MAX_FORMS_COUNTED)).filter(needsPatientAction);
  if (assigned.length === 0) return 0;
  const visits = await loadVisitsWithin(
    tx,
    practiceId,
    assigned.map((assignment) => assignment.appointmentId),
  );
  return assigned.filter((assignment) => {
    const visit = visits.get(assignment.appointmentId);
    return visit !== undefined && isShownNow(assignment, visit, now);
  }).length;
}
