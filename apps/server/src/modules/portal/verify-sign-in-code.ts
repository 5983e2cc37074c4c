import { decoyPasswordHash, verifyPassword } from '../../platform/auth/passwords.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import { UnauthenticatedError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { NewPatientSession, PatientSessions } from './patient-sessions.ts';
import { findPortalPractice } from './portal-practice.ts';
import { CODE_MAX_TRIES, IDENTIFY_WINDOW_MS } from './portal-settings.ts';
import type { SignInCodeDependencies } from './request-sign-in-code.ts';
import * as codes from './sign-in-code-repository.ts';
import { contactOf, hashContact, type ContactInput } from './sign-in-contact.ts';

export interface SignedInByCode {
  session: NewPatientSession;
  /** Several profiles share the contact: the session opens none until identify. */
  needsIdentity: boolean;
}

function invalidCode(): UnauthenticatedError {
  return new UnauthenticatedError('That code is not right or has expired. Check it, or ask for a new code.', 'invalid_code');
}

/**
 * Checks a sign-in code. Each check spends one of the code's five tries before the code is
 * compared, and a right code is used once. One profile with the contact: a session for it.
 * Several (a family sharing a phone, docs/decisions/015): a session that opens no profile
 * until the patient gives a date of birth and last name. None: the same refusal as a wrong code.
 */
export async function verifySignInCode(
  deps: SignInCodeDependencies & { sessions: PatientSessions },
  slug: string,
  input: ContactInput & { code: string },
  meta: RequestMeta,
): Promise<SignedInByCode> {
  const { database, clock } = deps;
  const practice = await findPortalPractice(deps.practices, slug);
  const contact = contactOf(input);
  const key = { practiceId: practice.id, channel: contact.channel, contactHash: hashContact(contact) };
  const triedAt = clock.now();
  const codeHash = await inPractice(database, practice.id, (tx) => codes.takeCodeTry(tx, key, triedAt, CODE_MAX_TRIES));
  // With no code to compare, a decoy is compared so the refusal takes as long as a wrong code's.
  const matches = await verifyPassword(codeHash ?? (await decoyPasswordHash()), input.code);
  if (!codeHash || !matches) {
    await inPractice(database, practice.id, (tx) =>
      recordAudit(tx, {
        practiceId: practice.id,
        actorType: 'anonymous',
        action: 'portal.sign_in',
        outcome: 'failure',
        ip: meta.ip,
        requestId: meta.requestId,
        details: { channel: contact.channel, reason: codeHash ? 'wrong_code' : 'no_usable_code' },
      }),
    );
    throw invalidCode();
  }

  return inPractice(database, practice.id, async (tx) => {
    const now = clock.now();
    if (!(await codes.useCode(tx, key, codeHash, now))) throw invalidCode();
    const profiles = await deps.patients.findPatientsByContactWithin(tx, practice.id, contact);
    const [only] = profiles;
    if (!only) throw invalidCode();
    const needsIdentity = profiles.length > 1;
    const patientId = needsIdentity ? null : only.id;
    const session = await deps.sessions.startSessionWithin(
      tx,
      {
        practiceId: practice.id,
        patientId,
        channel: contact.channel,
        contact: contact.address,
        expiresAt: needsIdentity ? new Date(now.getTime() + IDENTIFY_WINDOW_MS) : deps.sessions.absoluteExpiryFrom(now),
      },
      meta,
    );
    await recordAudit(tx, {
      practiceId: practice.id,
      actorType: patientId ? 'patient' : 'anonymous',
      actorId: patientId,
      action: 'portal.sign_in',
      objectType: patientId ? 'patient' : null,
      objectId: patientId,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { channel: contact.channel, needsIdentity },
    });
    return { session, needsIdentity };
  });
}
