import type { PatientActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Database } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PracticeSettingsRecord, PracticeSettingsService } from '../identity/index.ts';
import type { PatientRecord, PatientsService } from '../patients/index.ts';

/**
 * The signed-in patient's own profile, audited as a read by that patient, and the practice
 * whose session this is (its name and portal address).
 */
export async function readOwnProfile(
  deps: {
    database: Database;
    patients: Pick<PatientsService, 'findPatientWithin'>;
    practices: Pick<PracticeSettingsService, 'findPracticeSettingsOf'>;
  },
  actor: PatientActor & { patientId: string },
  meta: RequestMeta,
): Promise<{ patient: PatientRecord; practice: PracticeSettingsRecord }> {
  const patient = await inPractice(deps.database, actor.practiceId, async (tx) => {
    const patient = await deps.patients.findPatientWithin(tx, actor.practiceId, actor.patientId);
    if (!patient) throw new NotFoundError('Patient');
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actorType: 'patient',
      actorId: actor.patientId,
      action: 'patient.read',
      objectType: 'patient',
      objectId: actor.patientId,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { via: 'portal' },
    });
    return patient;
  });
  const practice = await deps.practices.findPracticeSettingsOf(actor.practiceId);
  if (!practice) throw new NotFoundError('Practice');
  return { patient, practice };
}
