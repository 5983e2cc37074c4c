import type { PatientActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import { NotFoundError, UnauthenticatedError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import * as sessions from './patient-session-repository.ts';
import { hashPatientSessionToken, newPatientSessionToken, type NewPatientSession, type PatientSessions } from './patient-sessions.ts';
import { findPortalPractice } from './portal-practice.ts';
import { IDENTIFY_MAX_TRIES } from './portal-settings.ts';
import type { SignInCodeDependencies } from './request-sign-in-code.ts';
import { comparableName } from './sign-in-contact.ts';

type IdentifyOutcome =
  { kind: 'opened'; session: NewPatientSession } | { kind: 'first_name_required' } | { kind: 'mismatch' } | { kind: 'locked' };

/**
 * Opens the profile, among those sharing the proved phone or email, whose date of birth and
 * last name the patient gives (docs/decisions/015); a first name is asked for only when two
 * such profiles share those too. The other profiles' names are never told. Each answer
 * spends one of five tries; after the fifth wrong one the session ends.
 */
export async function identifyPatient(
  deps: SignInCodeDependencies & { sessions: PatientSessions },
  actor: PatientActor,
  slug: string,
  input: { dateOfBirth: string; lastName: string; firstName?: string | undefined },
  meta: RequestMeta,
): Promise<NewPatientSession | undefined> {
  const { database, clock } = deps;
  const practice = await findPortalPractice(deps.practices, slug);
  if (practice.id !== actor.practiceId) throw new NotFoundError('Practice', 'slug');
  if (actor.patientId !== null) return undefined;

  const outcome = await inPractice(database, practice.id, async (tx): Promise<IdentifyOutcome> => {
    const waiting = await sessions.takeIdentifyTry(tx, actor.sessionTokenHash, IDENTIFY_MAX_TRIES);
    if (!waiting) {
      await sessions.deletePatientSession(tx, actor.sessionTokenHash);
      return { kind: 'locked' };
    }
    const profiles = await deps.patients.findPatientsByContactWithin(tx, practice.id, {
      channel: waiting.channel,
      address: waiting.contact,
    });
    const lastName = comparableName(input.lastName);
    let matching = profiles.filter((profile) => profile.dateOfBirth === input.dateOfBirth && comparableName(profile.lastName) === lastName);
    if (matching.length > 1 && input.firstName !== undefined) {
      const firstName = comparableName(input.firstName);
      matching = matching.filter((profile) => comparableName(profile.firstName) === firstName);
    }
    const audit = { practiceId: practice.id, ip: meta.ip, requestId: meta.requestId, action: 'portal.identify' } as const;
    const [match] = matching;
    if (match && matching.length === 1) {
      const now = clock.now();
      const token = newPatientSessionToken();
      const expiresAt = deps.sessions.absoluteExpiryFrom(now);
      await sessions.openProfile(tx, actor.sessionTokenHash, {
        newTokenHash: hashPatientSessionToken(token),
        patientId: match.id,
        now,
        expiresAt,
      });
      await recordAudit(tx, { ...audit, actorType: 'patient', actorId: match.id, objectType: 'patient', objectId: match.id });
      return { kind: 'opened', session: { token, expiresAt } };
    }
    await recordAudit(tx, {
      ...audit,
      actorType: 'anonymous',
      outcome: 'failure',
      details: { reason: matching.length > 1 ? 'first_name_required' : 'mismatch' },
    });
    if (matching.length > 1) return { kind: 'first_name_required' };
    if (waiting.identifyTries >= IDENTIFY_MAX_TRIES) await sessions.deletePatientSession(tx, actor.sessionTokenHash);
    return { kind: 'mismatch' };
  });

  switch (outcome.kind) {
    case 'opened':
      return outcome.session;
    case 'first_name_required':
      throw new UnauthenticatedError('Two profiles match; also enter your first name.', 'first_name_required');
    case 'mismatch':
      throw new UnauthenticatedError(
        'The date of birth and last name do not match a profile with this phone or email.',
        'identity_mismatch',
      );
    case 'locked':
      throw new UnauthenticatedError('Too many tries. Sign in again with a new code.', 'identity_locked');
    default: {
      const unknown: never = outcome;
      throw new Error(`unknown identify outcome ${String(unknown)}`);
    }
  }
}
