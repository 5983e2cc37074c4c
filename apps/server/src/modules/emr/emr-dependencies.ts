import type { StaffActor } from '../../platform/auth/access.ts';
import type { ClientAccess } from '../../platform/auth/client-access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { AuditEntry } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Transaction } from '../../platform/database.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import type { AppointmentsService } from '../appointments/index.ts';
import type { PatientsService } from '../patients/index.ts';
import type { PracticeService } from '../practice/index.ts';

/** What the EMR uses of other modules, through their doors. */
export interface EmrDependencies {
  database: Database;
  clock: Clock;
  patients: Pick<PatientsService, 'findPatientSummariesWithin'>;
  /** New bookings go through the appointment book's own use case; the board reads the book's day. */
  appointments: Pick<AppointmentsService, 'createAppointment' | 'listAppointments'>;
  /** A service's duration, to check a new booking's. */
  services: Pick<PracticeService['catalog'], 'getService'>;
  /** Providers limited to their own clients read only those clients' charts. */
  clientAccess: ClientAccess;
  /** Names of who charted, signed and wrote addenda. */
  staffDirectory: { listStaff(actor: StaffActor): Promise<{ id: string; displayName: string }[]> };
  /** Where procedure photos' bytes are kept. */
  fileStore: FileStore;
  /** The paperwork's consents: those a procedure type requires (before photos, before signing), and the patient's signatures. */
  photoConsents: PhotoConsentSource;
}

/** Paperwork's consents as the EMR needs them, read in the EMR's transaction. */
export interface PhotoConsentSource {
  /** An active consent template; undefined for an unknown id, another kind of form or a retired one. */
  findConsentTemplateWithin(tx: Transaction, practiceId: string, templateId: string): Promise<{ id: string; name: string } | undefined>;
  /** The patient's latest signature of the template, held until the transaction ends; undefined when unsigned. */
  findSignedConsentWithin(
    tx: Transaction,
    practiceId: string,
    query: { patientId: string; templateId: string },
  ): Promise<{ assignmentId: string; templateVersion: number; signedAt: Date } | undefined>;
}

export function emrAudit(
  actor: StaffActor,
  meta: RequestMeta,
  action: string,
  object: { type: string; id: string | null },
  details: Record<string, unknown> = {},
): AuditEntry {
  return {
    practiceId: actor.practiceId,
    actorType: 'staff',
    actorId: actor.staffId,
    actorLabel: actor.email,
    action,
    objectType: object.type,
    objectId: object.id,
    ip: meta.ip,
    requestId: meta.requestId,
    details,
  };
}

/** Display names by staff id, for charts' who. */
export async function staffNamesOf(
  deps: EmrDependencies,
  actor: StaffActor,
): Promise<(staffId: string) => { id: string; displayName: string }> {
  const names = new Map((await deps.staffDirectory.listStaff(actor)).map((member) => [member.id, member.displayName]));
  return (staffId) => ({ id: staffId, displayName: names.get(staffId) ?? 'A former staff member' });
}
