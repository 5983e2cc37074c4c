import type { PortalPaperworkItem, PortalPaperworkList } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { isShownNow, loadVisitsWithin, patientAudit, toPortalItem, type PatientWithProfile } from './own-paperwork.ts';
import * as signing from './paperwork-signing-repository.ts';

/** More forms than a patient gathers in years of visits; the portal lists no more at once. */
const MAX_FORMS_LISTED = 300;

/**
 * The portal's Paperwork page: the signed-in patient's own forms that show now (from the
 * template's N days before each appointment), split into the Consents, Questionnaires and
 * Instructions tabs, each with its visit, the exact version's wording and what the patient
 * saved or signed. Audited as the patient's read of each form listed.
 */
export async function listOwnPaperwork(
  deps: { database: Database; clock: Clock },
  actor: PatientWithProfile,
  meta: RequestMeta,
): Promise<PortalPaperworkList> {
  const now = deps.clock.now();
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const assigned = await signing.listPortalAssignments(tx, actor.practiceId, actor.patientId, MAX_FORMS_LISTED);
    const visits = await loadVisitsWithin(
      tx,
      actor.practiceId,
      assigned.map((assignment) => assignment.appointmentId),
    );
    const shown = assigned.filter((assignment) => {
      const visit = visits.get(assignment.appointmentId);
      return visit !== undefined && isShownNow(assignment, visit, now);
    });
    const ids = shown.map((assignment) => assignment.id);
    const responses = await signing.listCurrentResponses(tx, actor.practiceId, ids);
    const signatures = await signing.listCurrentSignatures(tx, actor.practiceId, ids);
    const items: PortalPaperworkItem[] = [];
    for (const assignment of shown) {
      const visit = visits.get(assignment.appointmentId);
      if (visit) items.push(toPortalItem(assignment, visit, responses.get(assignment.id), signatures.get(assignment.id) ?? []));
    }
    items.sort((a, b) => b.appointment.startsAt.localeCompare(a.appointment.startsAt));
    await recordAudit(tx, {
      ...patientAudit(actor, meta),
      action: 'paperwork.list',
      objectType: 'patient',
      objectId: actor.patientId,
      details: { via: 'portal', assignmentIds: items.map((item) => item.id) },
    });
    return {
      consents: items.filter((item) => item.kind === 'consent'),
      questionnaires: items.filter((item) => item.kind === 'questionnaire'),
      instructions: items.filter((item) => item.kind === 'instructions'),
      needsActionCount: items.filter((item) => item.needsAction).length,
    };
  });
}
