export { createNotificationsService, type NotificationsService } from './notifications-service.ts';
export { notificationsRoutes } from './notifications-routes.ts';
export {
  cancelQueuedMessages,
  enqueueMessage,
  enqueueMessages,
  validateOutgoingMessage,
  DEFAULT_MAX_ATTEMPTS,
  type EnqueuedMessage,
  type OutgoingAttachment,
  type OutgoingEmail,
  type OutgoingMessage,
  type OutgoingSms,
} from './message-outbox.ts';
export { loadMessageTemplate, renderPracticeMessage } from './practice-message-templates.ts';
export { portalLinkSource, type PortalLinkSource } from './portal-links.ts';
export {
  renderEmailHtml,
  renderTemplate,
  type MessageContext,
  type MessageTemplateText,
  type RenderedMessage,
} from './render-message-template.ts';
export { defaultMessageTemplates } from './default-message-templates.ts';
export {
  appointmentInviteAttachment,
  buildAppointmentInvite,
  type AppointmentInviteInput,
  type CalendarPerson,
} from './appointment-invite.ts';
export {
  createMessageDeliveryWorker,
  retryDelayMs,
  defaultRetryBackoff,
  type DeliveryPassResult,
  type MessageDeliveryWorker,
  type MessageDeliveryWorkerOptions,
  type RetryBackoff,
} from './message-delivery-worker.ts';
export {
  DeliveryError,
  type EmailToSend,
  type EmailTransport,
  type MessageTransports,
  type SmsToSend,
  type SmsTransport,
} from './message-transports.ts';
export { createSmtpEmailTransport, type SmtpEmailTransportOptions } from './smtp-email-transport.ts';
export { createTwilioSmsTransport, type TwilioSmsTransportOptions } from './twilio-sms-transport.ts';
export { createMessageTransports, type MessagingConfig } from './messaging-config.ts';
export {
  createAppointmentNotificationsService,
  calendarSequenceOf,
  calendarUidOf,
  type AppointmentNotificationsService,
  type PaperworkRequests,
} from './appointment-notifications-service.ts';
export { appointmentNotificationsRoutes } from './appointment-notifications-routes.ts';
export { type CancellationPolicySource, type PatientDirectory } from './appointment-message-facts.ts';
export { createNotificationSettingsService, type NotificationSettingsService } from './notification-settings-service.ts';
export { notificationSettingsRoutes } from './notification-settings-routes.ts';
export {
  createReminderBookingObserver,
  createReminderScheduler,
  dueReminderOffset,
  reminderDedupeKey,
  type ReminderScanResult,
  type ReminderScheduler,
  type ReminderSchedulerOptions,
} from './reminder-scheduler.ts';
export { notifyClinicOfPatientAction, type ClinicAlert, type QueuedClinicAlert } from './clinic-alerts.ts';
export { findSentPatientMessageWithin, listSentPatientMessagesWithin, type SentPatientMessage } from './patient-message-repository.ts';
