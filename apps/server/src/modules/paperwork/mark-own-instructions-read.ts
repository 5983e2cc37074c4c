import type { PortalPaperworkItem } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { ConflictError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { loadOwnAssignmentWithin, patientAudit, portalItemWithin, type PatientWithProfile } from './own-paperwork.ts';
import { changePaperworkStatusWithin } from './paperwork-assignment.ts';

/**
 * The patient has read pre-treatment instructions: Not Viewed becomes Viewed. Reading them
 * again changes nothing; only instructions are read this way (409 for the other kinds).
 */
export async function markOwnInstructionsRead(
  deps: { database: Database; clock: Clock },
  actor: PatientWithProfile,
  assignmentId: string,
  meta: RequestMeta,
): Promise<PortalPaperworkItem> {
  const now = deps.clock.now();
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const { assignment, visit } = await loadOwnAssignmentWithin(tx, actor, assignmentId, now);
    if (assignment.kind !== 'instructions') {
      throw new ConflictError(`This form is a ${assignment.kind}; only instructions are marked as read.`, 'not_instructions', {
        field: 'assignmentId',
      });
    }
    if (assignment.status === 'not_viewed') {
      await changePaperworkStatusWithin(tx, actor.practiceId, {
        assignmentId,
        status: 'viewed',
        details: { via: 'portal', templateVersion: assignment.templateVersion },
        now,
      });
      await recordAudit(tx, {
        ...patientAudit(actor, meta),
        action: 'paperwork_assignment.viewed',
        objectType: 'paperwork_assignment',
        objectId: assignmentId,
        details: { via: 'portal', templateVersion: assignment.templateVersion },
      });
    }
    return portalItemWithin(tx, actor.practiceId, assignmentId, visit);
  });
}
