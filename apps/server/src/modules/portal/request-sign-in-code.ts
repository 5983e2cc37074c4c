import type { SignInCodeRequested } from '@glowdesk/contracts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { TooManyRequestsError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { enqueueMessage, type OutgoingMessage } from '../notifications/index.ts';
import type { PatientsService } from '../patients/index.ts';
import { findPortalPractice, type PortalPracticeDirectory } from './portal-practice.ts';
import { CODE_VALID_MS, type PortalSettings } from './portal-settings.ts';
import * as codes from './sign-in-code-repository.ts';
import { contactOf, generateSignInCode, hashContact, type ContactInput, type SignInContact } from './sign-in-contact.ts';

export interface SignInCodeDependencies {
  database: Database;
  clock: Clock;
  settings: PortalSettings;
  practices: PortalPracticeDirectory;
  patients: Pick<PatientsService, 'findPatientsByContactWithin'>;
}

const HOUR_MS = 3_600_000;

/**
 * Sends a six-digit sign-in code to a phone or email, through the outbox like any message,
 * when a profile has it on file. The answer, and the work behind it (the code is made,
 * hashed, stored and counted either way), is the same whether or not one does, so the
 * portal cannot be asked who is a patient. A new code replaces the last one; within the
 * Resend cooldown, or past the hourly limits per contact and per client address, the
 * answer is 429 and nothing changes.
 */
export async function requestSignInCode(
  deps: SignInCodeDependencies,
  slug: string,
  input: ContactInput,
  meta: RequestMeta,
): Promise<SignInCodeRequested> {
  const { database, clock, settings } = deps;
  const practice = await findPortalPractice(deps.practices, slug);
  const contact = contactOf(input);
  const key = { practiceId: practice.id, channel: contact.channel, contactHash: hashContact(contact) };
  const code = generateSignInCode();
  // argon2id, not a plain digest: a million codes are quick to try against a SHA-256 from a
  // stolen table, but not against argon2id within the code's ten minutes.
  const codeHash = await hashPassword(code);
  const now = clock.now();
  const hourStart = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const secondsToNextHour = Math.ceil((hourStart + HOUR_MS - now.getTime()) / 1000);

  await inPractice(database, practice.id, async (tx) => {
    const windowStart = new Date(hourStart);
    const ipSends = await codes.countSend(tx, practice.id, `ip:${meta.ip}`, windowStart);
    const contactSends = await codes.countSend(tx, practice.id, `contact:${key.channel}:${key.contactHash}`, windowStart);
    if (ipSends > settings.portalCodeSendsPerIpPerHour || contactSends > settings.portalCodeSendsPerContactPerHour) {
      throw new TooManyRequestsError('Too many sign-in codes were asked for. Try again later.', secondsToNextHour);
    }
    const resendableSince = new Date(now.getTime() - settings.portalCodeResendSeconds * 1000);
    const stored = await codes.replaceCode(
      tx,
      key,
      { codeHash, sentAt: now, expiresAt: new Date(now.getTime() + CODE_VALID_MS) },
      resendableSince,
    );
    if (!stored) {
      const lastSentAt = (await codes.findCodeSentAt(tx, key)) ?? now;
      const waitSeconds = Math.max(1, Math.ceil((lastSentAt.getTime() - resendableSince.getTime()) / 1000));
      throw new TooManyRequestsError(`A code was just sent. You can ask for another in ${waitSeconds} seconds.`, waitSeconds);
    }
    const profiles = await deps.patients.findPatientsByContactWithin(tx, practice.id, contact);
    if (profiles.length > 0) {
      await enqueueMessage(
        tx,
        practice.id,
        signInCodeMessage(contact, code, practice.name, profiles.length === 1 ? profiles[0]?.id : null),
      );
    }
    await recordAudit(tx, {
      practiceId: practice.id,
      actorType: 'anonymous',
      action: 'portal.sign_in_code.request',
      ip: meta.ip,
      requestId: meta.requestId,
      details: { channel: contact.channel, onFile: profiles.length > 0 },
    });
  });
  return { resendAfterSeconds: settings.portalCodeResendSeconds, expiresInSeconds: CODE_VALID_MS / 1000 };
}

function signInCodeMessage(
  contact: SignInContact,
  code: string,
  practiceName: string,
  patientId: string | null | undefined,
): OutgoingMessage {
  const textBody = `${code} is your ${practiceName} sign-in code. It expires in 10 minutes. If you did not ask for it, ignore this message.`;
  // A late code is useless: a few attempts, not the outbox's usual ten over hours.
  const common = { to: contact.address, textBody, patientId: patientId ?? null, templateKey: 'portal_sign_in_code', maxAttempts: 3 };
  return contact.channel === 'sms'
    ? { ...common, channel: 'sms' }
    : { ...common, channel: 'email', subject: `Your ${practiceName} sign-in code` };
}
