import type { ClientAccess } from '../../platform/auth/client-access.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { Database } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import * as signing from './paperwork-signing-repository.ts';

/**
 * Refuses a staff member an assignment they may not see: 404 when it is not of their practice,
 * 403 for a provider limited to their own clients when its patient has no appointment with
 * them. Runs before the use case's transaction (the client check opens its own).
 */
export async function assertStaffMayReadAssignment(
  deps: { database: Database; clientAccess: ClientAccess },
  actor: StaffActor,
  assignmentId: string,
): Promise<void> {
  const assignment = await inPractice(deps.database, actor.practiceId, (tx) =>
    signing.findPortalAssignment(tx, actor.practiceId, assignmentId),
  );
  if (!assignment) throw new NotFoundError('Paperwork assignment', 'assignmentId');
  await deps.clientAccess.assertMayReadClient(actor, assignment.patientId);
}
