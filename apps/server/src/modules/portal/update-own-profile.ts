import type { UpdatePortalProfile } from '@glowdesk/contracts';
import { portalAuditActor, type PatientWithProfile } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Database } from '../../platform/database.ts';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PatientRecord, PatientsService } from '../patients/index.ts';

type EditableChanges = Parameters<PatientsService['updatePatientFromPortalWithin']>[3];

/** The fields of the body that differ from the record, in the record's names. */
function changesFrom(before: PatientRecord, body: UpdatePortalProfile): EditableChanges {
  const wanted: EditableChanges = {};
  const { address, preferences } = body;
  if (address) {
    if (address.line1 !== undefined) wanted.addressLine1 = address.line1;
    if (address.line2 !== undefined) wanted.addressLine2 = address.line2;
    if (address.city !== undefined) wanted.city = address.city;
    if (address.region !== undefined) wanted.region = address.region;
    if (address.postalCode !== undefined) wanted.postalCode = address.postalCode;
    if (address.country !== undefined) wanted.country = address.country;
  }
  if (preferences?.preferredChannel !== undefined) wanted.preferredChannel = preferences.preferredChannel;
  if (preferences?.marketingConsent !== undefined) wanted.marketingConsent = preferences.marketingConsent;
  return Object.fromEntries(Object.entries(wanted).filter(([field, value]) => before[field as keyof PatientRecord] !== value));
}

/**
 * The patient changes the address and communication preferences of the profile they are
 * viewing. With If-Match, a profile staff saved in between is refused (412) rather than
 * overwritten. Texts first need a phone on file, emails first an email.
 */
export async function updateOwnProfile(
  deps: { database: Database; patients: Pick<PatientsService, 'findPatientWithin' | 'updatePatientFromPortalWithin'> },
  actor: PatientWithProfile,
  body: UpdatePortalProfile,
  expectedVersion: number | undefined,
  meta: RequestMeta,
): Promise<PatientRecord> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const before = await deps.patients.findPatientWithin(tx, actor.practiceId, actor.patientId);
    if (!before) throw new NotFoundError('Patient');
    if (expectedVersion !== undefined && expectedVersion !== before.version) throw new PreconditionFailedError();
    const changes = changesFrom(before, body);
    const channel = changes.preferredChannel;
    if (channel === 'sms' && !before.phone) {
      throw new ValidationError('Add a mobile phone number before choosing text messages.', {
        field: 'preferences.preferredChannel',
        code: 'no_phone_on_file',
      });
    }
    if (channel === 'email' && !before.email) {
      throw new ValidationError('Add an email address before choosing email.', {
        field: 'preferences.preferredChannel',
        code: 'no_email_on_file',
      });
    }
    const changedFields = Object.keys(changes);
    if (changedFields.length === 0) return before;
    const after = await deps.patients.updatePatientFromPortalWithin(tx, actor.practiceId, actor.patientId, changes);
    if (!after) throw new NotFoundError('Patient');
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      ...portalAuditActor(actor),
      action: 'patient.update',
      objectType: 'patient',
      objectId: actor.patientId,
      ip: meta.ip,
      requestId: meta.requestId,
      // Field names only, as staff edits record them.
      details: { via: 'portal', changedFields },
    });
    return after;
  });
}
