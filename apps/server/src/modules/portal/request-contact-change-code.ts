import type { SignInCodeRequested } from '@glowdesk/contracts';
import { portalAuditActor, type PatientWithProfile } from '../../platform/auth/access.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { NotFoundError, TooManyRequestsError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { enqueueMessage, type OutgoingMessage } from '../notifications/index.ts';
import type { PracticeSettingsService } from '../identity/index.ts';
import type { PatientsService } from '../patients/index.ts';
import * as changeCodes from './contact-change-code-repository.ts';
import { CODE_VALID_MS, type PortalSettings } from './portal-settings.ts';
import { countSend } from './sign-in-code-repository.ts';
import { contactOf, generateSignInCode, hashContact, type ContactInput, type SignInContact } from './sign-in-contact.ts';

export interface ContactChangeDependencies {
  database: Database;
  clock: Clock;
  settings: PortalSettings;
  practices: Pick<PracticeSettingsService, 'findPracticeSettingsOf'>;
  patients: Pick<PatientsService, 'findPatientWithin' | 'updatePatientFromPortalWithin'>;
}

const HOUR_MS = 3_600_000;

/** The field of the request that names the contact: `phone` for a text, `email` for an email. */
export function contactFieldOf(channel: SignInContact['channel']): 'phone' | 'email' {
  return channel === 'sms' ? 'phone' : 'email';
}

/**
 * Sends a six-digit code to the new phone or email the patient wants on the profile they are
 * viewing; the profile changes only when the code comes back (verifyContactChange). The code
 * is made, hashed, limited and resent exactly as sign-in codes are, and the sends count
 * against the same hourly limits per contact and per client address.
 */
export async function requestContactChangeCode(
  deps: ContactChangeDependencies,
  actor: PatientWithProfile,
  input: ContactInput,
  meta: RequestMeta,
): Promise<SignInCodeRequested> {
  const { database, clock, settings } = deps;
  const contact = contactOf(input);
  const field = contactFieldOf(contact.channel);
  const code = generateSignInCode();
  const codeHash = await hashPassword(code);
  const now = clock.now();
  const hourStart = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const secondsToNextHour = Math.ceil((hourStart + HOUR_MS - now.getTime()) / 1000);
  const practice = await deps.practices.findPracticeSettingsOf(actor.practiceId);

  await inPractice(database, actor.practiceId, async (tx) => {
    const patient = await deps.patients.findPatientWithin(tx, actor.practiceId, actor.patientId);
    if (!patient) throw new NotFoundError('Patient');
    if (patient[field] === contact.address) {
      throw new ValidationError(
        field === 'phone' ? 'This phone number is already on the profile.' : 'This email is already on the profile.',
        {
          field,
          code: 'contact_unchanged',
        },
      );
    }
    const contactHash = hashContact(contact);
    const windowStart = new Date(hourStart);
    const ipSends = await countSend(tx, actor.practiceId, `ip:${meta.ip}`, windowStart);
    const contactSends = await countSend(tx, actor.practiceId, `contact:${contact.channel}:${contactHash}`, windowStart);
    if (ipSends > settings.portalCodeSendsPerIpPerHour || contactSends > settings.portalCodeSendsPerContactPerHour) {
      throw new TooManyRequestsError('Too many codes were asked for. Try again later.', secondsToNextHour);
    }
    const key = { practiceId: actor.practiceId, patientId: actor.patientId, channel: contact.channel };
    const resendableSince = new Date(now.getTime() - settings.portalCodeResendSeconds * 1000);
    const stored = await changeCodes.replaceContactChangeCode(
      tx,
      key,
      { contactHash, codeHash, sentAt: now, expiresAt: new Date(now.getTime() + CODE_VALID_MS) },
      resendableSince,
    );
    if (!stored) {
      const lastSentAt = (await changeCodes.findContactChangeCodeSentAt(tx, key)) ?? now;
      const waitSeconds = Math.max(1, Math.ceil((lastSentAt.getTime() - resendableSince.getTime()) / 1000));
      throw new TooManyRequestsError(`A code was just sent. You can ask for another in ${waitSeconds} seconds.`, waitSeconds);
    }
    await enqueueMessage(tx, actor.practiceId, contactChangeCodeMessage(contact, code, practice?.name ?? 'your clinic', actor.patientId));
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      ...portalAuditActor(actor),
      action: 'portal.contact_code.request',
      objectType: 'patient',
      objectId: actor.patientId,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { channel: contact.channel },
    });
  });
  return { resendAfterSeconds: settings.portalCodeResendSeconds, expiresInSeconds: CODE_VALID_MS / 1000 };
}

function contactChangeCodeMessage(contact: SignInContact, code: string, practiceName: string, patientId: string): OutgoingMessage {
  const what = contact.channel === 'sms' ? 'this phone number' : 'this email address';
  const textBody = `${code} is your code to add ${what} to your ${practiceName} profile. It expires in 10 minutes. If you did not ask for it, ignore this message.`;
  const common = { to: contact.address, textBody, patientId, templateKey: 'portal_contact_code', maxAttempts: 3 };
  return contact.channel === 'sms'
    ? { ...common, channel: 'sms' }
    : { ...common, channel: 'email', subject: `Your ${practiceName} verification code` };
}
