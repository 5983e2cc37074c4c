import type { RegistrationOutcome } from '@glowdesk/contracts';
import { decoyPasswordHash, verifyPassword } from '../../platform/auth/passwords.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import { UnauthenticatedError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PatientsService } from '../patients/index.ts';
import type { NewPatientSession, PatientSessions } from './patient-sessions.ts';
import { findPortalPractice } from './portal-practice.ts';
import { CODE_MAX_TRIES } from './portal-settings.ts';
import { chosenProfileFieldsOf, newProfileOf } from './registration-details.ts';
import * as registrations from './registration-repository.ts';
import type { SignInCodeDependencies } from './request-sign-in-code.ts';
import { comparableName, contactOf, hashContact, type ContactInput } from './sign-in-contact.ts';

export interface RegistrationVerifiedResult {
  outcome: RegistrationOutcome;
  /** Set for created and claimed: the patient is signed in as after auth/verify. */
  session: NewPatientSession | null;
}

type Dependencies = Omit<SignInCodeDependencies, 'patients'> & {
  sessions: PatientSessions;
  patients: Pick<PatientsService, 'findPatientsByContactWithin' | 'createRegisteredPatientWithin' | 'fillEmptyFieldsWithin'>;
};

function invalidCode(): UnauthenticatedError {
  return new UnauthenticatedError('That code is not right or has expired. Check it, or ask for a new code.', 'invalid_code');
}

/**
 * Checks a registration's code (five tries, once, ten minutes, as a sign-in code) and then
 * settles the registration by the profiles that hold the proved phone or email
 * (docs/decisions/024): none, a new profile is created and opened; one whose date of birth
 * and last name are the registration's, it is opened and only its empty fields are filled
 * (claimed); otherwise nothing is created or opened and the registration waits for the
 * practice's staff to merge it (queued).
 */
export async function verifyRegistration(
  deps: Dependencies,
  slug: string,
  input: ContactInput & { code: string },
  meta: RequestMeta,
): Promise<RegistrationVerifiedResult> {
  const { database, clock } = deps;
  const practice = await findPortalPractice(deps.practices, slug);
  const contact = contactOf(input);
  const key = { practiceId: practice.id, channel: contact.channel, contactHash: hashContact(contact) };
  const triedAt = clock.now();
  const waiting = await inPractice(database, practice.id, (tx) => registrations.takeRegistrationTry(tx, key, triedAt, CODE_MAX_TRIES));
  // With no code to compare, a decoy is compared so the refusal takes as long as a wrong code's.
  const matches = await verifyPassword(waiting?.codeHash ?? (await decoyPasswordHash()), input.code);
  if (!waiting || !matches) {
    await inPractice(database, practice.id, (tx) =>
      recordAudit(tx, {
        practiceId: practice.id,
        actorType: 'anonymous',
        action: 'portal.registration.verify',
        outcome: 'failure',
        objectType: waiting ? 'portal_registration' : null,
        objectId: waiting?.id ?? null,
        ip: meta.ip,
        requestId: meta.requestId,
        details: { channel: contact.channel, reason: waiting ? 'wrong_code' : 'no_usable_code' },
      }),
    );
    throw invalidCode();
  }

  return inPractice(database, practice.id, async (tx) => {
    const now = clock.now();
    const registration = await registrations.markVerified(tx, practice.id, waiting.id, waiting.codeHash, now);
    if (!registration) throw invalidCode();
    const { details } = registration;
    const audit = {
      practiceId: practice.id,
      action: 'portal.registration.verify',
      objectType: 'portal_registration',
      objectId: registration.id,
      ip: meta.ip,
      requestId: meta.requestId,
    } as const;
    const startSession = (patientId: string) =>
      deps.sessions.startSessionWithin(
        tx,
        {
          practiceId: practice.id,
          patientId,
          channel: contact.channel,
          contact: contact.address,
          expiresAt: deps.sessions.absoluteExpiryFrom(now),
        },
        meta,
      );

    const profiles = await deps.patients.findPatientsByContactWithin(tx, practice.id, contact);
    if (profiles.length === 0) {
      const patient = await deps.patients.createRegisteredPatientWithin(tx, practice.id, newProfileOf(details, contact.channel), meta);
      await registrations.settle(tx, practice.id, registration.id, { status: 'created', patientId: patient.id });
      await recordAudit(tx, {
        ...audit,
        actorType: 'patient',
        actorId: patient.id,
        details: { channel: contact.channel, outcome: 'created' },
      });
      return { outcome: 'created', session: await startSession(patient.id) };
    }

    // The same comparison as identify's (docs/decisions/015): case, accents and spacing aside.
    const lastName = comparableName(details.lastName);
    let same = profiles.filter((profile) => profile.dateOfBirth === details.dateOfBirth && comparableName(profile.lastName) === lastName);
    if (same.length > 1) {
      const firstName = comparableName(details.firstName);
      same = same.filter((profile) => comparableName(profile.firstName) === firstName);
    }
    const [match] = same;
    if (match && same.length === 1) {
      // Only what the profile lacks: a value the practice has on file is never replaced.
      const fill = chosenProfileFieldsOf(details, ['phone', 'email', 'gender', 'address', 'referralSource']);
      const { filled } = await deps.patients.fillEmptyFieldsWithin(
        tx,
        { practiceId: practice.id, actorType: 'patient', actorId: match.id },
        match.id,
        fill,
        meta,
      );
      await registrations.settle(tx, practice.id, registration.id, { status: 'claimed', patientId: match.id });
      await recordAudit(tx, {
        ...audit,
        actorType: 'patient',
        actorId: match.id,
        details: { channel: contact.channel, outcome: 'claimed', filledFields: filled },
      });
      return { outcome: 'claimed', session: await startSession(match.id) };
    }

    // markVerified left it queued: staff merge it (the profiles on file are not named here).
    await recordAudit(tx, { ...audit, actorType: 'anonymous', details: { channel: contact.channel, outcome: 'queued' } });
    return { outcome: 'queued', session: null };
  });
}
