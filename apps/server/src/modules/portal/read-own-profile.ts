import type { PortalProfile } from '@glowdesk/contracts';
import { portalAuditActor, type PatientWithProfile } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Database } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PatientRecord, PatientsService } from '../patients/index.ts';

/** The Profile page's view of a patient record. */
export function toPortalProfile(patient: PatientRecord): PortalProfile {
  return {
    id: patient.id,
    firstName: patient.firstName,
    lastName: patient.lastName,
    dateOfBirth: patient.dateOfBirth,
    phone: patient.phone,
    email: patient.email,
    address: {
      line1: patient.addressLine1,
      line2: patient.addressLine2,
      city: patient.city,
      region: patient.region,
      postalCode: patient.postalCode,
      country: patient.country,
    },
    preferences: { preferredChannel: patient.preferredChannel, marketingConsent: patient.marketingConsent },
    version: patient.version,
  };
}

/**
 * The profile the portal is viewing (the patient's own, or a dependant's), audited as a read
 * by the patient who signed in.
 */
export async function readOwnProfile(
  deps: { database: Database; patients: Pick<PatientsService, 'findPatientWithin'> },
  actor: PatientWithProfile,
  meta: RequestMeta,
): Promise<PatientRecord> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const patient = await deps.patients.findPatientWithin(tx, actor.practiceId, actor.patientId);
    if (!patient) throw new NotFoundError('Patient');
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      ...portalAuditActor(actor),
      action: 'patient.read',
      objectType: 'patient',
      objectId: actor.patientId,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { via: 'portal' },
    });
    return patient;
  });
}
