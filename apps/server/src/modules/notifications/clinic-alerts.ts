import { SMS_MAX_LENGTH } from '@glowdesk/contracts';
import type { Transaction } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { findClinicContactWithin } from '../practice/index.ts';
import { enqueueMessage } from './message-outbox.ts';
import { renderEmailHtml } from './render-message-template.ts';

export interface ClinicAlert {
  /** One line, e.g. "Grace Hopper confirmed her appointment". */
  subject: string;
  text: string;
  patientId?: string | null | undefined;
  appointmentId?: string | null | undefined;
  /**
   * What makes the alert unique, e.g. `portal:confirm:<appointmentId>:v3`; a repeat with the
   * same key queues nothing (each channel gets `<key>:email` / `<key>:sms`).
   */
  dedupeKey?: string | undefined;
}

export interface QueuedClinicAlert {
  /** The outbox messages, one per channel the clinic has set; empty when it has neither. */
  messageIds: string[];
}

function smsTextOf(clinicName: string, alert: ClinicAlert): string {
  const text = `${clinicName}: ${alert.subject}. ${alert.text}`.replace(/\s+\n/g, '\n').trim();
  return text.length <= SMS_MAX_LENGTH ? text : `${text.slice(0, SMS_MAX_LENGTH - 1)}…`;
}

/**
 * Tells the clinic that a patient did something in the portal (confirmed, rescheduled,
 * cancelled, completed a form): an email to the clinic's Notification Email and an SMS to
 * its SMS Notification number, each only when set (Settings → Clinics). Queued in the
 * caller's transaction. The SMS is shortened to the provider limit rather than refused:
 * the email carries the full text.
 */
export async function notifyClinicOfPatientAction(
  tx: Transaction,
  practiceId: string,
  clinicId: string,
  alert: ClinicAlert,
): Promise<QueuedClinicAlert> {
  const clinic = await findClinicContactWithin(tx, practiceId, clinicId);
  if (!clinic) throw new NotFoundError('Clinic', 'clinicId');
  const subject = alert.subject
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .slice(0, 300);
  const common = { patientId: alert.patientId ?? null, appointmentId: alert.appointmentId ?? null };
  const messageIds: string[] = [];
  if (clinic.notificationEmail) {
    const queued = await enqueueMessage(tx, practiceId, {
      ...common,
      channel: 'email',
      to: clinic.notificationEmail,
      subject,
      textBody: alert.text,
      htmlBody: renderEmailHtml(alert.text),
      dedupeKey: alert.dedupeKey ? `${alert.dedupeKey}:email` : null,
    });
    messageIds.push(queued.messageId);
  }
  if (clinic.smsNotificationPhone) {
    const queued = await enqueueMessage(tx, practiceId, {
      ...common,
      channel: 'sms',
      to: clinic.smsNotificationPhone,
      textBody: smsTextOf(clinic.name, { ...alert, subject }),
      dedupeKey: alert.dedupeKey ? `${alert.dedupeKey}:sms` : null,
    });
    messageIds.push(queued.messageId);
  }
  return { messageIds };
}
