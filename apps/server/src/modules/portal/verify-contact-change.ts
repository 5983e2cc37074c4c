import { portalAuditActor, type PatientWithProfile } from '../../platform/auth/access.ts';
import { decoyPasswordHash, verifyPassword } from '../../platform/auth/passwords.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PatientRecord } from '../patients/index.ts';
import * as changeCodes from './contact-change-code-repository.ts';
import { CODE_MAX_TRIES } from './portal-settings.ts';
import { contactFieldOf, type ContactChangeDependencies } from './request-contact-change-code.ts';
import { contactOf, hashContact, type ContactInput } from './sign-in-contact.ts';

/** A 400, not a 401: the patient is signed in; only the code is wrong. */
function invalidCode(): ValidationError {
  return new ValidationError('That code is not right or has expired. Check it, or ask for a new code.', {
    field: 'code',
    code: 'invalid_code',
  });
}

/**
 * Puts the new phone or email on the profile once its code comes back. Each check spends one
 * of the code's five tries before the comparison; a code works once, only for the contact it
 * was sent to and the profile it was asked for. A phone or email other profiles share is
 * allowed (families, docs/decisions/015 and 025).
 */
export async function verifyContactChange(
  deps: ContactChangeDependencies,
  actor: PatientWithProfile,
  input: ContactInput & { code: string },
  meta: RequestMeta,
): Promise<PatientRecord> {
  const { database, clock } = deps;
  const contact = contactOf(input);
  const field = contactFieldOf(contact.channel);
  const key = { practiceId: actor.practiceId, patientId: actor.patientId, channel: contact.channel };
  const contactHash = hashContact(contact);
  const codeHash = await inPractice(database, actor.practiceId, (tx) =>
    changeCodes.takeContactChangeCodeTry(tx, key, contactHash, clock.now(), CODE_MAX_TRIES),
  );
  const matches = await verifyPassword(codeHash ?? (await decoyPasswordHash()), input.code);
  if (!codeHash || !matches) {
    await inPractice(database, actor.practiceId, (tx) =>
      recordAudit(tx, {
        practiceId: actor.practiceId,
        ...portalAuditActor(actor),
        action: 'portal.contact_change',
        objectType: 'patient',
        objectId: actor.patientId,
        outcome: 'failure',
        ip: meta.ip,
        requestId: meta.requestId,
        details: { channel: contact.channel, reason: codeHash ? 'wrong_code' : 'no_usable_code' },
      }),
    );
    throw invalidCode();
  }

  return inPractice(database, actor.practiceId, async (tx) => {
    if (!(await changeCodes.useContactChangeCode(tx, key, codeHash, clock.now()))) throw invalidCode();
    const after = await deps.patients.updatePatientFromPortalWithin(tx, actor.practiceId, actor.patientId, { [field]: contact.address });
    if (!after) throw new NotFoundError('Patient');
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      ...portalAuditActor(actor),
      action: 'portal.contact_change',
      objectType: 'patient',
      objectId: actor.patientId,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { channel: contact.channel, changedFields: [field] },
    });
    return after;
  });
}
