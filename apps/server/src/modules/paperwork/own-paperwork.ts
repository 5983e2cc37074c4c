import { paperworkStatusLabels, type PaperworkStatus, type PortalPaperworkItem } from '@glowdesk/contracts';
import { portalAuditActor, type PatientWithProfile } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { findAppointmentSnapshotWithin, type AppointmentSnapshot } from '../appointments/index.ts';
import { findClinicContactWithin, type ClinicContact } from '../practice/index.ts';
import type { PortalAssignmentRecord, ResponseRecord, SignatureSummaryRecord } from './paperwork-signing-repository.ts';
import * as signing from './paperwork-signing-repository.ts';
import { contentFields, parseStoredContent } from './paperwork-template-content.ts';

export type { PatientWithProfile };

/** The fields of an audit row written as the patient who signed in (a guardian's on a dependant's forms). */
export function patientAudit(actor: PatientWithProfile, meta: RequestMeta) {
  return {
    practiceId: actor.practiceId,
    ...portalAuditActor(actor),
    ip: meta.ip,
    requestId: meta.requestId,
  };
}

/** The visit a form belongs to, with its clinic (for its name and zone). */
export interface Visit {
  appointment: AppointmentSnapshot;
  clinic: ClinicContact | undefined;
}

const DAY_MS = 86_400_000;

/** Statuses in which the patient still has to act (a witness signature waits for staff). */
const patientActionStatuses: readonly PaperworkStatus[] = ['not_signed', 'not_filled', 'not_viewed'];

export function needsPatientAction(assignment: { status: PaperworkStatus }): boolean {
  return patientActionStatuses.includes(assignment.status);
}

/** When the portal starts showing a form: N days (the template's setting) before its appointment. */
export function opensAt(assignment: Pick<PortalAssignmentRecord, 'showDaysBefore'>, visit: Visit): Date {
  return new Date(visit.appointment.startsAt.getTime() - assignment.showDaysBefore * DAY_MS);
}

/**
 * Whether the portal shows the form now: from N days before its appointment; a form of a
 * cancelled appointment only once it was completed (nothing is left to do for it).
 */
export function isShownNow(assignment: PortalAssignmentRecord, visit: Visit, now: Date): boolean {
  if (now.getTime() < opensAt(assignment, visit).getTime()) return false;
  return visit.appointment.status !== 'cancelled' || !patientActionStatuses.includes(assignment.status);
}

export async function loadVisitsWithin(tx: Transaction, practiceId: string, appointmentIds: Iterable<string>): Promise<Map<string, Visit>> {
  const visits = new Map<string, Visit>();
  const clinics = new Map<string, ClinicContact | undefined>();
  for (const appointmentId of new Set(appointmentIds)) {
    const appointment = await findAppointmentSnapshotWithin(tx, practiceId, appointmentId);
    if (!appointment) continue;
    if (!clinics.has(appointment.clinicId)) {
      clinics.set(appointment.clinicId, await findClinicContactWithin(tx, practiceId, appointment.clinicId));
    }
    visits.set(appointmentId, { appointment, clinic: clinics.get(appointment.clinicId) });
  }
  return visits;
}

/**
 * The patient's own assignment, for acting on it now: 404 when it is not theirs (another
 * patient's, or another practice's: the practice comes from the session), 409 while the form
 * does not show yet or its appointment was cancelled.
 */
export async function loadOwnAssignmentWithin(
  tx: Transaction,
  actor: PatientWithProfile,
  assignmentId: string,
  now: Date,
): Promise<{ assignment: PortalAssignmentRecord; visit: Visit }> {
  const assignment = await signing.findPortalAssignment(tx, actor.practiceId, assignmentId, { forUpdate: true });
  if (!assignment || assignment.patientId !== actor.patientId) throw new NotFoundError('Form', 'assignmentId');
  const visit = (await loadVisitsWithin(tx, actor.practiceId, [assignment.appointmentId])).get(assignment.appointmentId);
  if (!visit) throw new NotFoundError('Form', 'assignmentId');
  if (visit.appointment.status === 'cancelled' && patientActionStatuses.includes(assignment.status)) {
    throw new ConflictError('This appointment was cancelled, so its forms no longer need completing.', 'appointment_cancelled', {
      field: 'assignmentId',
    });
  }
  if (now.getTime() < opensAt(assignment, visit).getTime()) {
    throw new ConflictError(
      `This form opens on ${opensAt(assignment, visit).toISOString().slice(0, 10)}, ${assignment.showDaysBefore} days before the appointment.`,
      'paperwork_not_open_yet',
      { field: 'assignmentId' },
    );
  }
  return { assignment, visit };
}

/** A form as the portal shows it. */
export function toPortalItem(
  assignment: PortalAssignmentRecord,
  visit: Visit,
  response: ResponseRecord | undefined,
  signatures: readonly SignatureSummaryRecord[],
): PortalPaperworkItem {
  return {
    id: assignment.id,
    kind: assignment.kind,
    name: assignment.name,
    status: assignment.status,
    statusLabel: paperworkStatusLabels[assignment.status],
    needsAction: patientActionStatuses.includes(assignment.status),
    templateVersion: assignment.templateVersion,
    requiresSignature: assignment.requiresSignature,
    requiresWitnessSignature: assignment.requiresWitnessSignature,
    appointment: {
      id: visit.appointment.id,
      startsAt: visit.appointment.startsAt.toISOString(),
      timezone: visit.clinic?.timezone ?? 'UTC',
      clinicName: visit.clinic?.name ?? '',
      services: visit.appointment.services.map((service) => service.name),
    },
    content: contentFields(parseStoredContent(assignment.kind, assignment.content)),
    answers: response?.answers ?? {},
    answersSavedAt: response?.savedAt.toISOString() ?? null,
    submittedAt: response?.submittedAt?.toISOString() ?? null,
    signatures: signatures.map((signature) => ({
      role: signature.role,
      typedName: signature.typedName,
      signedAt: signature.signedAt.toISOString(),
      templateVersion: signature.templateVersion,
      documentSha256: signature.documentSha256,
    })),
    hasSignedDocument: signatures.length > 0,
  };
}

/** One assignment as the portal shows it after a change, read in the same transaction. */
export async function portalItemWithin(
  tx: Transaction,
  practiceId: string,
  assignmentId: string,
  visit: Visit,
): Promise<PortalPaperworkItem> {
  const assignment = await signing.findPortalAssignment(tx, practiceId, assignmentId);
  if (!assignment) throw new Error(`paperwork assignment ${assignmentId} vanished`);
  const responses = await signing.listCurrentResponses(tx, practiceId, [assignmentId]);
  const signatures = await signing.listCurrentSignatures(tx, practiceId, [assignmentId]);
  return toPortalItem(assignment, visit, responses.get(assignmentId), signatures.get(assignmentId) ?? []);
}
