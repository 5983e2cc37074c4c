import type { PortalProfileChoices } from '@glowdesk/contracts';
import { portalAuditActor, type PatientWithProfile } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PracticeSettingsRecord, PracticeSettingsService } from '../identity/index.ts';
import type { PatientRecord, PatientsService } from '../patients/index.ts';
import { listProfileChoicesWithin, type ProfileChoiceDependencies } from './portal-profile-choices.ts';

/**
 * `GET /api/v1/portal/me`: the patient who signed in (whichever profile they view), the
 * practice whose session this is, and the profiles they may switch between. Audited as the patient's read of their own profile.
 */
export async function readPortalMe(
  deps: ProfileChoiceDependencies & {
    patients: Pick<PatientsService, 'findPatientWithin'>;
    practices: Pick<PracticeSettingsService, 'findPracticeSettingsOf'>;
  },
  actor: PatientWithProfile,
  meta: RequestMeta,
): Promise<{ patient: PatientRecord; practice: PracticeSettingsRecord; choices: PortalProfileChoices }> {
  const read = await inPractice(deps.database, actor.practiceId, async (tx) => {
    const self = actor.signedInPatientId;
    const patient = await deps.patients.findPatientWithin(tx, actor.practiceId, self);
    if (!patient) throw new NotFoundError('Patient');
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      ...portalAuditActor({ ...actor, patientId: self }),
      action: 'patient.read',
      objectType: 'patient',
      objectId: self,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { via: 'portal' },
    });
    return { patient, choices: await listProfileChoicesWithin(tx, deps, actor, meta) };
  });
  const practice = await deps.practices.findPracticeSettingsOf(actor.practiceId);
  if (!practice) throw new NotFoundError('Practice');
  return { ...read, practice };
}
