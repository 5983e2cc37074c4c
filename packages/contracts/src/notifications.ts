import { z } from 'zod';
import { idSchema } from './common.ts';

export const messageChannelSchema = z.enum(['email', 'sms']);
export type MessageChannel = z.infer<typeof messageChannelSchema>;

/**
 * - `queued`: waiting for its send time or for a retry;
 * - `sending`: a worker holds it right now;
 * - `sent`: the provider accepted it;
 * - `failed`: every attempt failed, or the provider refused it for good;
 * - `held`: no email/SMS provider is configured, so it was kept instead of sent;
 * - `cancelled`: withdrawn before delivery (a reminder for a cancelled appointment).
 */
export const messageStatusSchema = z.enum(['queued', 'sending', 'sent', 'failed', 'held', 'cancelled']);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/** Twilio's limit for one (concatenated) SMS; longer bodies are refused, never split. */
export const SMS_MAX_LENGTH = 1600;

export const messageTemplateKeySchema = z.enum([
  'booking_confirmation',
  'reschedule',
  'cancellation',
  'reminder',
  'no_show',
  'fee_charged',
  'paperwork_request',
]);
export type MessageTemplateKey = z.infer<typeof messageTemplateKeySchema>;

/**
 * Messages whose text is a secret (a portal sign-in code, a code proving a new phone or email): staff see that one was sent and
 * how its delivery went, never its text, and cannot send it again.
 */
export const secretMessageKeySchema = z.enum(['portal_sign_in_code', 'portal_contact_code']);
export type SecretMessageKey = z.infer<typeof secretMessageKeySchema>;

export function isSecretMessageKey(templateKey: string | null): boolean {
  return secretMessageKeySchema.safeParse(templateKey).success;
}

/** What replaces a secret message's text wherever staff read it. */
export const SECRET_MESSAGE_PLACEHOLDER = 'A one-time code from the patient portal. The code is not shown to staff.';

export const messageTemplateLabels: Record<MessageTemplateKey, string> = {
  booking_confirmation: 'Booking confirmation',
  reschedule: 'Reschedule',
  cancellation: 'Cancellation',
  reminder: 'Reminder',
  no_show: 'No-show',
  fee_charged: 'Fee charged',
  paperwork_request: 'Paperwork request',
};

/** Every placeholder a template may use, with what it becomes. */
export const messagePlaceholderDescriptions = {
  'patient.firstName': "The patient's first name",
  'clinic.name': 'The clinic name',
  'clinic.phone': "The clinic's phone number",
  'clinic.address': "The clinic's address on one line",
  'service.name': 'The service or services booked',
  'provider.name': "The provider's name",
  'appointment.localDate': "The appointment date in the clinic's time zone, e.g. Tuesday, March 10, 2026",
  'appointment.localTime': "The start time in the clinic's time zone, e.g. 2:30 PM",
  'appointment.timeZone': "The clinic's time zone at that date, e.g. EDT",
  'appointment.previousLocalDate': 'The date the appointment was moved from',
  'appointment.previousLocalTime': 'The time the appointment was moved from',
  'appointment.videoLink': "The provider's video room link, for a virtual visit (empty for a visit in person)",
  cancellationPolicy: "The practice's cancellation policy",
  portalLink: 'The link to the patient portal',
  'fee.amount': 'The amount charged, e.g. $50.00',
  'fee.reason': 'Why the fee was charged, e.g. Late cancellation',
  'paperwork.list': 'The forms to complete, one per line',
} as const;
export type MessagePlaceholder = keyof typeof messagePlaceholderDescriptions;

const commonPlaceholders: readonly MessagePlaceholder[] = [
  'patient.firstName',
  'clinic.name',
  'clinic.phone',
  'clinic.address',
  'service.name',
  'provider.name',
  'appointment.localDate',
  'appointment.localTime',
  'appointment.timeZone',
  'appointment.videoLink',
  'cancellationPolicy',
  'portalLink',
];

/** The placeholders each template accepts; anything else is refused when saving. */
export const messageTemplatePlaceholders: Record<MessageTemplateKey, readonly MessagePlaceholder[]> = {
  booking_confirmation: [...commonPlaceholders, 'paperwork.list'],
  reschedule: [...commonPlaceholders, 'appointment.previousLocalDate', 'appointment.previousLocalTime'],
  cancellation: commonPlaceholders,
  reminder: commonPlaceholders,
  no_show: [...commonPlaceholders, 'fee.amount'],
  fee_charged: [...commonPlaceholders, 'fee.amount', 'fee.reason'],
  paperwork_request: [...commonPlaceholders, 'paperwork.list'],
};

const tagPattern = /\{\{\s*([#/]?)\s*([^{}]*?)\s*\}\}/g;

/**
 * The placeholders a template text uses, in order, and whether its tags are well formed.
 * `{{name}}` inserts a value; `{{#name}}…{{/name}}` keeps its text only when `name` has a
 * value (for optional facts such as the clinic phone or a paperwork list).
 */
export function placeholdersIn(text: string): { names: string[]; balanced: boolean } {
  const names: string[] = [];
  const open: string[] = [];
  let balanced = true;
  for (const match of text.matchAll(tagPattern)) {
    const [, marker, name = ''] = match;
    if (marker === '#') {
      open.push(name);
      names.push(name);
    } else if (marker === '/') {
      if (open.pop() !== name) balanced = false;
    } else {
      names.push(name);
    }
  }
  const rest = text.replace(tagPattern, '');
  return { names, balanced: balanced && open.length === 0 && !rest.includes('{{') && !rest.includes('}}') };
}

/**
 * Why a template text cannot be saved, or undefined when it can: an unknown placeholder,
 * or tags that do not close. The web editor and the server share this check.
 */
export function templateTextProblem(key: MessageTemplateKey, text: string): string | undefined {
  const { names, balanced } = placeholdersIn(text);
  const allowed = messageTemplatePlaceholders[key];
  const unknown = names.find((name) => !(allowed as readonly string[]).includes(name));
  if (unknown !== undefined) return `Unknown placeholder {{${unknown}}}. Use one of: ${allowed.map((name) => `{{${name}}}`).join(', ')}.`;
  if (!balanced)
    return 'A placeholder or section is not closed: write {{name}}, or {{#name}}…{{/name}} for a part shown only with a value.';
  return undefined;
}

const templateText = (label: string, max: number) =>
  z
    .string()
    .max(max, { message: `The ${label} is at most ${max} characters.` })
    .refine((text) => text.trim().length > 0, { message: `The ${label} cannot be empty.` });

export const updateMessageTemplateRequestSchema = z.strictObject({
  emailSubject: templateText('email subject', 300),
  emailBody: templateText('email body', 20000),
  smsBody: templateText('SMS body', SMS_MAX_LENGTH),
});
export type UpdateMessageTemplateRequest = z.infer<typeof updateMessageTemplateRequestSchema>;

export const messageTemplateSchema = z.object({
  key: messageTemplateKeySchema,
  label: z.string(),
  emailSubject: z.string(),
  emailBody: z.string(),
  smsBody: z.string(),
  /** True while the practice uses the built-in wording. */
  isDefault: z.boolean(),
  placeholders: z.array(z.string()),
  updatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type MessageTemplate = z.infer<typeof messageTemplateSchema>;
export const messageTemplateListSchema = z.object({ items: z.array(messageTemplateSchema) });

export const messageTemplateParamsSchema = z.strictObject({ key: messageTemplateKeySchema });

export const messageListQuerySchema = z.strictObject({
  appointmentId: idSchema.optional(),
  patientId: idSchema.optional(),
  status: messageStatusSchema.optional(),
  channel: messageChannelSchema.optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MessageListQuery = z.infer<typeof messageListQuerySchema>;

export const messageParamsSchema = z.strictObject({ messageId: idSchema });
export const messageAttachmentParamsSchema = z.strictObject({
  messageId: idSchema,
  index: z.coerce.number().int().min(0).max(9),
});

export const messageAttachmentInfoSchema = z.object({
  index: z.number().int(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  /** Where to download it. */
  url: z.string(),
});

export const messageSummarySchema = z.object({
  id: idSchema,
  channel: messageChannelSchema,
  to: z.string(),
  subject: z.string().nullable(),
  status: messageStatusSchema,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  patientId: idSchema.nullable(),
  appointmentId: idSchema.nullable(),
  templateKey: z.string().nullable(),
  resendOfId: idSchema.nullable(),
  createdAt: z.string(),
  createdBy: idSchema.nullable(),
});
export type MessageSummary = z.infer<typeof messageSummarySchema>;

export const messageDetailSchema = messageSummarySchema.extend({
  textBody: z.string(),
  htmlBody: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  attachments: z.array(messageAttachmentInfoSchema),
});
export type MessageDetail = z.infer<typeof messageDetailSchema>;

export const messagePageSchema = z.object({ items: z.array(messageSummarySchema), nextCursor: z.string().nullable() });
export type MessagePage = z.infer<typeof messagePageSchema>;

/**
 * What the after-booking pop-up sends: which message, by which channels.
 * - `confirmation`, `reschedule`, `cancellation`: the appointment's news (with a calendar
 *   invite by email; a cancellation withdraws it);
 * - `paperwork_request`: the forms still to complete, with the portal link;
 * - `no_show`: "we missed you", naming the no-show fee when one was charged;
 * - `fee_charged`: the receipt for the appointment's latest charged cancellation or no-show fee.
 */
export const appointmentNotificationKindSchema = z.enum([
  'confirmation',
  'reschedule',
  'cancellation',
  'paperwork_request',
  'no_show',
  'fee_charged',
]);
export type AppointmentNotificationKind = z.infer<typeof appointmentNotificationKindSchema>;

export const appointmentNotificationTemplates: Record<AppointmentNotificationKind, MessageTemplateKey> = {
  confirmation: 'booking_confirmation',
  reschedule: 'reschedule',
  cancellation: 'cancellation',
  paperwork_request: 'paperwork_request',
  no_show: 'no_show',
  fee_charged: 'fee_charged',
};

export const notifyAppointmentRequestSchema = z.strictObject({
  /** Empty: "Don't Send Notification" (the choice is recorded on the appointment's history). */
  channels: z
    .array(messageChannelSchema, { message: 'Choose email, sms, both or neither.' })
    .max(2)
    .refine((channels) => new Set(channels).size === channels.length, { message: 'Each channel at most once.' }),
  /** Staff's edited text; replaces the template's body in every chosen channel. */
  message: z
    .string()
    .max(20_000, { message: 'The message is at most 20000 characters.' })
    .refine((text) => text.trim().length > 0, { message: 'The message cannot be empty; leave it out to send the template.' })
    .optional(),
  /** Staff's edited email subject. */
  subject: z
    .string()
    .max(300)
    .refine((text) => text.trim().length > 0 && !/[\r\n]/.test(text), { message: 'The subject is one non-empty line.' })
    .optional(),
  /** Defaults from the appointment's latest change: booked → confirmation, moved → reschedule, cancelled → cancellation. */
  kind: appointmentNotificationKindSchema.optional(),
});
export type NotifyAppointmentRequest = z.infer<typeof notifyAppointmentRequestSchema>;

export const notifyAppointmentResultSchema = z.object({
  appointmentId: idSchema,
  kind: appointmentNotificationKindSchema,
  /** False for "Don't Send Notification". */
  sent: z.boolean(),
  messages: z.array(
    z.object({
      channel: messageChannelSchema,
      messageId: idSchema,
      /** True when this exact notification was already queued (a double click): nothing new was sent. */
      duplicate: z.boolean(),
    }),
  ),
});
export type NotifyAppointmentResult = z.infer<typeof notifyAppointmentResultSchema>;

export const notifyPreviewQuerySchema = z.strictObject({ kind: appointmentNotificationKindSchema.optional() });

export const notifyPreviewSchema = z.object({
  appointmentId: idSchema,
  kind: appointmentNotificationKindSchema,
  /** The patient's preferred channel (the pop-up ticks it first). */
  preferredChannel: messageChannelSchema,
  available: z.object({ email: z.boolean(), sms: z.boolean() }),
  email: z.object({
    to: z.string().nullable(),
    subject: z.string(),
    textBody: z.string(),
    /** Names of the files the email carries (the calendar invite). */
    attachments: z.array(z.string()),
  }),
  sms: z.object({ to: z.string().nullable(), textBody: z.string(), maxLength: z.number().int() }),
  /** The forms the patient is asked to complete (listed in a confirmation). */
  paperwork: z.array(z.string()),
});
export type NotifyPreview = z.infer<typeof notifyPreviewSchema>;

/** Reminder offsets: at least 15 minutes, at most 14 days before the start. */
export const REMINDER_OFFSET_MIN_MINUTES = 15;
export const REMINDER_OFFSET_MAX_MINUTES = 14 * 24 * 60;
export const DEFAULT_REMINDER_OFFSETS_MINUTES: readonly number[] = [2880, 120];

export const notificationSettingsSchema = z.object({
  remindersEnabled: z.boolean(),
  /** Minutes before the start, largest first. */
  reminderOffsetsMinutes: z.array(z.number().int()),
  /** True while the practice uses the defaults (48 h and 2 h). */
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const updateNotificationSettingsRequestSchema = z.strictObject({
  remindersEnabled: z.boolean(),
  reminderOffsetsMinutes: z
    .array(
      z
        .number()
        .int()
        .min(REMINDER_OFFSET_MIN_MINUTES, { message: `A reminder goes at least ${REMINDER_OFFSET_MIN_MINUTES} minutes before the start.` })
        .max(REMINDER_OFFSET_MAX_MINUTES, { message: 'A reminder goes at most 14 days before the start.' }),
    )
    .max(5, { message: 'At most 5 reminders.' })
    .refine((offsets) => new Set(offsets).size === offsets.length, { message: 'Each reminder time must be different.' }),
});
export type UpdateNotificationSettingsRequest = z.infer<typeof updateNotificationSettingsRequestSchema>;
