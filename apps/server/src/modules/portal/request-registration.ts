import type { RegistrationDetails, SignInCodeRequested } from '@glowdesk/contracts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import { TooManyRequestsError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { enqueueMessage, type OutgoingMessage } from '../notifications/index.ts';
import { findPortalPractice } from './portal-practice.ts';
import { CODE_VALID_MS } from './portal-settings.ts';
import { storedDetailsOf } from './registration-details.ts';
import * as registrations from './registration-repository.ts';
import type { SignInCodeDependencies } from './request-sign-in-code.ts';
import * as codes from './sign-in-code-repository.ts';
import { contactOf, generateSignInCode, hashContact, type SignInContact } from './sign-in-contact.ts';

const HOUR_MS = 3_600_000;

/**
 * New Client Registration (docs/decisions/024): stores what the form said with a new
 * six-digit code and sends the code to the phone or email the channel names, whether or not
 * a profile has it on file. Nothing here reads the practice's patients, so neither the answer
 * nor its time can tell who is one. The send limits per contact and per client address are
 * the sign-in codes' own counters, shared; a new request replaces the registration waiting
 * for its code (Resend), not within the cooldown. A registration whose code expires unused is
 * removed with its details.
 */
export async function requestRegistration(
  deps: Omit<SignInCodeDependencies, 'patients'>,
  slug: string,
  input: RegistrationDetails,
  meta: RequestMeta,
): Promise<SignInCodeRequested> {
  const { database, clock, settings } = deps;
  const practice = await findPortalPractice(deps.practices, slug);
  const contact = contactOf(input);
  const key = { practiceId: practice.id, channel: contact.channel, contactHash: hashContact(contact) };
  const code = generateSignInCode();
  const codeHash = await hashPassword(code);
  const now = clock.now();
  const hourStart = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const secondsToNextHour = Math.ceil((hourStart + HOUR_MS - now.getTime()) / 1000);

  await inPractice(database, practice.id, async (tx) => {
    const windowStart = new Date(hourStart);
    const ipSends = await codes.countSend(tx, practice.id, `ip:${meta.ip}`, windowStart);
    const contactSends = await codes.countSend(tx, practice.id, `contact:${key.channel}:${key.contactHash}`, windowStart);
    if (ipSends > settings.portalCodeSendsPerIpPerHour || contactSends > settings.portalCodeSendsPerContactPerHour) {
      throw new TooManyRequestsError('Too many codes were asked for. Try again later.', secondsToNextHour);
    }
    await registrations.deleteExpiredPending(tx, practice.id, now);
    const resendableSince = new Date(now.getTime() - settings.portalCodeResendSeconds * 1000);
    const stored = await registrations.replacePending(
      tx,
      key,
      {
        contact: contact.address,
        details: storedDetailsOf(input),
        codeHash,
        sentAt: now,
        expiresAt: new Date(now.getTime() + CODE_VALID_MS),
      },
      resendableSince,
    );
    if (!stored) {
      const lastSentAt = (await registrations.findPendingSentAt(tx, key)) ?? now;
      const waitSeconds = Math.max(1, Math.ceil((lastSentAt.getTime() - resendableSince.getTime()) / 1000));
      throw new TooManyRequestsError(`A code was just sent. You can ask for another in ${waitSeconds} seconds.`, waitSeconds);
    }
    await enqueueMessage(tx, practice.id, registrationCodeMessage(contact, code, practice.name));
    await recordAudit(tx, {
      practiceId: practice.id,
      actorType: 'anonymous',
      action: 'portal.registration.request',
      ip: meta.ip,
      requestId: meta.requestId,
      details: { channel: contact.channel },
    });
  });
  return { resendAfterSeconds: settings.portalCodeResendSeconds, expiresInSeconds: CODE_VALID_MS / 1000 };
}

function registrationCodeMessage(contact: SignInContact, code: string, practiceName: string): OutgoingMessage {
  const textBody = `${code} is your ${practiceName} code to finish signing up. It expires in 10 minutes. If you did not ask for it, ignore this message.`;
  // The sign-in code's kind: the staff message list shows that it was sent, never its text.
  const common = { to: contact.address, textBody, patientId: null, templateKey: 'portal_sign_in_code', maxAttempts: 3 };
  return contact.channel === 'sms'
    ? { ...common, channel: 'sms' }
    : { ...common, channel: 'email', subject: `Your ${practiceName} sign-up code` };
}
