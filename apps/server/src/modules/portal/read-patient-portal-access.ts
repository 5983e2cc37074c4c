import type { PatientPortalAccess } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Database } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PracticeSettingsService } from '../identity/index.ts';
import type { PatientsService } from '../patients/index.ts';
import { findPortalSignIns } from './patient-session-repository.ts';
import type { PatientSessions } from './patient-sessions.ts';

/**
 * What the staff client profile shows of a client's portal use: whether and when they signed
 * in, the sessions open now, the contacts a sign-in code can go to and the portal's address.
 * Audited as a read of the patient's data; 404 for a patient of another practice.
 */
export async function readPatientPortalAccess(
  deps: {
    database: Database;
    patients: Pick<PatientsService, 'findPatientWithin'>;
    practices: Pick<PracticeSettingsService, 'findPracticeSettingsOf'>;
    sessions: Pick<PatientSessions, 'countLiveSessionsWithin'>;
  },
  actor: StaffActor,
  patientId: string,
  meta: RequestMeta,
): Promise<PatientPortalAccess> {
  const access = await inPractice(deps.database, actor.practiceId, async (tx) => {
    const patient = await deps.patients.findPatientWithin(tx, actor.practiceId, patientId);
    if (!patient) throw new NotFoundError('Patient', 'patientId');
    const signIns = await findPortalSignIns(tx, actor.practiceId, patientId);
    const activeSessions = await deps.sessions.countLiveSessionsWithin(tx, actor.practiceId, patientId);
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actorType: 'staff',
      actorId: actor.staffId,
      actorLabel: actor.email,
      ip: meta.ip,
      requestId: meta.requestId,
      action: 'patient.portal_access.read',
      objectType: 'patient',
      objectId: patientId,
    });
    const signInContacts: PatientPortalAccess['signInContacts'] = [];
    if (patient.phone) signInContacts.push({ channel: 'sms', address: patient.phone });
    if (patient.email) signInContacts.push({ channel: 'email', address: patient.email });
    return {
      hasSignedIn: signIns !== undefined,
      firstSignedInAt: signIns?.firstSignedInAt.toISOString() ?? null,
      lastSignedInAt: signIns?.lastSignedInAt.toISOString() ?? null,
      signInCount: signIns?.signInCount ?? 0,
      activeSessions,
      signInContacts,
    };
  });
  const practice = await deps.practices.findPracticeSettingsOf(actor.practiceId);
  return { ...access, portalPath: practice?.slug ? `/portal/${practice.slug}` : null };
}
