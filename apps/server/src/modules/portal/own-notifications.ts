import type { PortalNotification, PortalNotificationList } from '@glowdesk/contracts';
import { portalAuditActor, type PatientWithProfile } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Transaction } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { findSentPatientMessageWithin, listSentPatientMessagesWithin, type SentPatientMessage } from '../notifications/index.ts';
import { findReadTimes, markRead } from './notification-reads-repository.ts';

/** The most the Notifications list shows, and the badge counts among. */
export const MAX_NOTIFICATIONS_LISTED = 200;

function toNotification(message: SentPatientMessage, readAt: Date | undefined): PortalNotification {
  return {
    id: message.id,
    kind: message.templateKey,
    channel: message.channel,
    subject: message.subject,
    body: message.textBody,
    sentAt: message.sentAt.toISOString(),
    appointmentId: message.appointmentId,
    read: readAt !== undefined,
    readAt: readAt?.toISOString() ?? null,
  };
}

/** The patient's latest notifications, newest first, with when each was opened. */
export async function readNotificationsWithin(tx: Transaction, practiceId: string, patientId: string): Promise<PortalNotificationList> {
  const sent = await listSentPatientMessagesWithin(tx, practiceId, patientId, MAX_NOTIFICATIONS_LISTED);
  const readTimes = await findReadTimes(
    tx,
    practiceId,
    patientId,
    sent.map((message) => message.id),
  );
  const items = sent.map((message) => toNotification(message, readTimes.get(message.id)));
  return { items, unreadCount: items.filter((item) => !item.read).length };
}

/**
 * The portal's Notifications: what the practice sent the patient (confirmations, paperwork
 * requests, reminders…, by email or text), newest first, read or unread; never a sign-in code
 * nor the clinic's own alerts. Audited as the patient's read.
 */
export async function listOwnNotifications(
  deps: { database: Database },
  actor: PatientWithProfile,
  meta: RequestMeta,
): Promise<PortalNotificationList> {
  const { practiceId, patientId } = actor;
  return inPractice(deps.database, practiceId, async (tx) => {
    const list = await readNotificationsWithin(tx, practiceId, patientId);
    await recordAudit(tx, {
      practiceId,
      ...portalAuditActor(actor),
      action: 'portal.notifications_read',
      objectType: 'patient',
      objectId: patientId,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { via: 'portal', messageIds: list.items.map((item) => item.id) },
    });
    return list;
  });
}

/** Marks one of the patient's own notifications read (again: no change); 404 for any other message. */
export async function markOwnNotificationRead(
  deps: { database: Database; clock: Clock },
  actor: PatientWithProfile,
  notificationId: string,
): Promise<PortalNotification> {
  const { practiceId, patientId } = actor;
  return inPractice(deps.database, practiceId, async (tx) => {
    const message = await findSentPatientMessageWithin(tx, practiceId, patientId, notificationId);
    if (!message) throw new NotFoundError('Notification', 'notificationId');
    const readAt = await markRead(tx, practiceId, patientId, message.id, deps.clock.now());
    return toNotification(message, readAt);
  });
}
