import {
  appointmentNotificationTemplates,
  SMS_MAX_LENGTH,
  type AppointmentNotificationKind,
  type MessageChannel,
  type NotifyAppointmentRequest,
  type NotifyAppointmentResult,
  type NotifyPreview,
} from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Transaction } from '../../platform/database.ts';
import type { PortalLinkSource } from './portal-links.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import {
  findAppointmentSnapshotWithin,
  listAppointmentEventsWithin,
  recordAppointmentEvent,
  UPCOMING_STATUSES,
  type AppointmentSnapshot,
} from '../appointments/index.ts';
import { appointmentInviteAttachment, type CalendarAttachment } from './appointment-invite.ts';
import {
  addressOn,
  cancellationPolicyFor,
  loadAppointmentMessageFacts,
  messageContextOf,
  type AppointmentMessageFacts,
  type CancellationPolicySource,
  type FeeChargeSource,
  type PatientDirectory,
  videoLinkOf,
} from './appointment-message-facts.ts';
import { cancelQueuedMessages, enqueueMessage, validateOutgoingMessage, type OutgoingMessage } from './message-outbox.ts';
import { renderPracticeMessage } from './practice-message-templates.ts';
import { renderEmailHtml, type RenderedMessage } from './render-message-template.ts';

/**
 * The forms a patient still has to complete for an appointment (the paperwork module
 * implements it). With `assign`, the services' forms are assigned first (idempotent).
 */
export interface PaperworkRequests {
  formsToCompleteWithin(
    tx: Transaction,
    practiceId: string,
    appointment: { id: string; patientId: string; serviceIds: readonly string[] },
    options: { assign: boolean; actorStaffId?: string | null; now?: Date },
  ): Promise<string[]>;
}

export interface AppointmentNotificationsDependencies {
  database: Database;
  clock: Clock;
  patients: PatientDirectory;
  /** Lists (and assigns) the forms a confirmation asks for; without it confirmations list none. */
  paperwork?: PaperworkRequests | undefined;
  cancellationPolicies?: CancellationPolicySource | undefined;
  /** The fees charged for an appointment (`{{fee.amount}}`); without it no fee is named and no receipt can be sent. */
  feeCharges?: FeeChargeSource | undefined;
  /** The practice's patient portal address (`{{portalLink}}`); without one the messages leave it out. */
  portalLinks?: PortalLinkSource | undefined;
  /** ORGANIZER of calendar invites. */
  organizerEmail: string;
}

/** Who sends a message: a staff member (the after-booking pop-up), or Glowdesk itself for a patient's online booking (staffId null). */
interface Sender {
  practiceId: string;
  staffId: string | null;
}

/** What a notification would say, before it is sent. */
interface PreparedNotification {
  facts: AppointmentMessageFacts;
  kind: AppointmentNotificationKind;
  rendered: RenderedMessage;
  invite: CalendarAttachment | undefined;
  paperwork: string[];
}

const kindOfEvent: Record<string, AppointmentNotificationKind> = {
  created: 'confirmation',
  rescheduled: 'reschedule',
  cancelled: 'cancellation',
  no_show: 'no_show',
};

/** Stable for the appointment's whole life, so updates and the cancellation replace one calendar event. */
export function calendarUidOf(appointmentId: string): string {
  return `${appointmentId}@glowdesk`;
}

/**
 * SEQUENCE of the appointment's invite: its version counts every change, so a reschedule
 * or a cancellation always carries a higher one than any invite sent before it.
 */
export function calendarSequenceOf(appointment: Pick<AppointmentSnapshot, 'version'>): number {
  return Math.max(appointment.version - 1, 0);
}

function dedupeKeyOf(appointment: AppointmentSnapshot, kind: AppointmentNotificationKind, channel: MessageChannel): string {
  return `notify:${appointment.id}:${kind}:v${appointment.version}:${channel}`;
}

function fullName(facts: AppointmentMessageFacts): string {
  return `${facts.patient.firstName} ${facts.patient.lastName}`;
}

function staffAudit(actor: StaffActor, meta: RequestMeta) {
  return {
    practiceId: actor.practiceId,
    actorType: 'staff' as const,
    actorId: actor.staffId,
    actorLabel: actor.email,
    ip: meta.ip,
    requestId: meta.requestId,
  };
}

/**
 * The after-booking pop-up: preview the practice's message for an appointment, then send
 * it by email, SMS, both, or record that none was sent. Confirmation, reschedule and
 * cancellation emails carry the calendar invite (REQUEST, or CANCEL with the same UID).
 */
export function createAppointmentNotificationsService(deps: AppointmentNotificationsDependencies) {
  const { database, clock, patients, paperwork, cancellationPolicies, feeCharges, portalLinks, organizerEmail } = deps;

  async function loadAppointment(tx: Transaction, practiceId: string, appointmentId: string): Promise<AppointmentSnapshot> {
    const appointment = await findAppointmentSnapshotWithin(tx, practiceId, appointmentId);
    if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
    return appointment;
  }

  /** The kind the appointment's latest booking change calls for: booked, moved or cancelled. */
  async function defaultKind(tx: Transaction, practiceId: string, appointment: AppointmentSnapshot): Promise<AppointmentNotificationKind> {
    if (appointment.status === 'cancelled') return 'cancellation';
    if (appointment.status === 'no_show') return 'no_show';
    const events = await listAppointmentEventsWithin(tx, practiceId, appointment.id, { types: Object.keys(kindOfEvent) });
    const latest = events.at(-1);
    return (latest && kindOfEvent[latest.type]) ?? 'confirmation';
  }

  function assertKindFits(appointment: AppointmentSnapshot, kind: AppointmentNotificationKind): void {
    // A fee receipt fits whatever became of the appointment; the fee itself is checked when read.
    if (kind === 'fee_charged') return;
    const fits =
      kind === 'cancellation'
        ? appointment.status === 'cancelled'
        : kind === 'no_show'
          ? appointment.status === 'no_show'
          : UPCOMING_STATUSES.includes(appointment.status);
    if (!fits) {
      const status = appointment.status.replace('_', ' ');
      throw new ConflictError(
        kind === 'cancellation'
          ? `This appointment is ${status}, not cancelled: there is no cancellation to announce.`
          : kind === 'no_show'
            ? `This appointment is ${status}, not a no-show: there is no missed visit to write about.`
            : `This appointment is ${status}; a ${kind.replace('_', ' ')} message no longer applies.`,
        'invalid_status',
        { field: 'kind' },
      );
    }
  }

  /** Where the appointment was before its latest move (for "previously …"). */
  async function previousStartOf(tx: Transaction, practiceId: string, appointment: AppointmentSnapshot): Promise<Date | undefined> {
    const moves = await listAppointmentEventsWithin(tx, practiceId, appointment.id, { types: ['rescheduled'] });
    const start = moves.at(-1)?.before?.start;
    return typeof start === 'string' && start !== appointment.startsAt.toISOString() ? new Date(start) : undefined;
  }

  /** Where the visit happens: the video room for a virtual visit (LOCATION and URL), else the clinic. */
  function placeOf(appointment: AppointmentSnapshot, clinic: AppointmentMessageFacts['clinic']): { location: string; url?: string } {
    const videoLink = videoLinkOf(appointment);
    if (videoLink) return { location: videoLink, url: videoLink };
    return { location: clinic.address ? `${clinic.name}, ${clinic.address}` : clinic.name };
  }

  function inviteFor(facts: AppointmentMessageFacts, kind: AppointmentNotificationKind): CalendarAttachment | undefined {
    // Only the appointment's own news changes the patient's calendar.
    if (kind === 'paperwork_request' || kind === 'no_show' || kind === 'fee_charged' || !facts.patient.email) return undefined;
    const { appointment, clinic } = facts;
    const services = appointment.services.map((service) => service.name).join(', ') || 'Appointment';
    return appointmentInviteAttachment({
      uid: calendarUidOf(appointment.id),
      sequence: calendarSequenceOf(appointment),
      method: kind === 'cancellation' ? 'CANCEL' : 'REQUEST',
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      stampedAt: clock.now(),
      summary: `${services} at ${clinic.name}`,
      ...placeOf(appointment, clinic),
      description: facts.providerName ? `${services} with ${facts.providerName}` : undefined,
      organizer: { name: clinic.name, email: organizerEmail },
      attendee: { name: fullName(facts), email: facts.patient.email },
    });
  }

  /**
   * Decides the kind, reads the facts and renders the practice's template. With
   * `assignPaperwork` (sending, not previewing), a confirmation or paperwork request first
   * assigns the services' forms.
   */
  async function prepare(
    tx: Transaction,
    actor: Sender,
    appointmentId: string,
    requestedKind: AppointmentNotificationKind | undefined,
    assignPaperwork: boolean,
  ): Promise<PreparedNotification> {
    const appointment = await loadAppointment(tx, actor.practiceId, appointmentId);
    const facts = await loadAppointmentMessageFacts(tx, actor.practiceId, appointment, patients);
    if (!facts) {
      throw new ConflictError('An out-of-office block has no patient to notify.', 'not_an_appointment', { field: 'appointmentId' });
    }
    const kind = requestedKind ?? (await defaultKind(tx, actor.practiceId, appointment));
    assertKindFits(appointment, kind);
    const asksForForms = kind === 'confirmation' || kind === 'paperwork_request';
    const forms =
      asksForForms && paperwork
        ? await paperwork.formsToCompleteWithin(
            tx,
            actor.practiceId,
            { id: appointment.id, patientId: facts.patient.id, serviceIds: appointment.services.map((service) => service.serviceId) },
            { assign: assignPaperwork, actorStaffId: actor.staffId, now: clock.now() },
          )
        : [];
    if (kind === 'paperwork_request' && forms.length === 0) {
      throw new ConflictError(`${fullName(facts)} has no forms left to complete for this appointment.`, 'no_paperwork', { field: 'kind' });
    }
    const namesFee = kind === 'no_show' || kind === 'fee_charged';
    const charged = namesFee && feeCharges ? await feeCharges.latestChargedFeeWithin(tx, actor.practiceId, appointment.id) : undefined;
    const fee = kind === 'no_show' && charged?.kind !== 'no_show_fee' ? undefined : charged;
    if (kind === 'fee_charged' && !fee) {
      throw new ConflictError(
        'No cancellation or no-show fee has been charged for this appointment, so there is no receipt to send.',
        'no_fee_charged',
        {
          field: 'kind',
        },
      );
    }
    const context = messageContextOf(facts, {
      fee,
      portalLink: await portalLinks?.(tx, actor.practiceId),
      cancellationPolicy:
        kind === 'cancellation' ? undefined : await cancellationPolicyFor(tx, actor.practiceId, appointment.clinicId, cancellationPolicies),
      paperwork: forms,
      previousStartsAt: kind === 'reschedule' ? await previousStartOf(tx, actor.practiceId, appointment) : undefined,
    });
    const rendered = await renderPracticeMessage(tx, actor.practiceId, appointmentNotificationTemplates[kind], context);
    return { facts, kind, rendered, invite: inviteFor(facts, kind), paperwork: forms };
  }

  function outgoingOf(
    prepared: PreparedNotification,
    channel: MessageChannel,
    request: NotifyAppointmentRequest,
    actor: Sender,
  ): OutgoingMessage {
    const { facts, kind, rendered } = prepared;
    const to = addressOn(facts.patient, channel);
    if (!to) {
      throw new ValidationError(
        channel === 'email'
          ? `${fullName(facts)} has no email address on file. Add one to the patient's profile, or send by SMS.`
          : `${fullName(facts)} has no mobile number on file. Add one to the patient's profile, or send by email.`,
        { field: 'channels', code: channel === 'email' ? 'no_email' : 'no_phone' },
      );
    }
    const common = {
      to,
      patientId: facts.patient.id,
      appointmentId: facts.appointment.id,
      templateKey: appointmentNotificationTemplates[kind],
      dedupeKey: dedupeKeyOf(facts.appointment, kind, channel),
      createdBy: actor.staffId,
    };
    if (channel === 'sms') return { ...common, channel: 'sms', textBody: request.message ?? rendered.sms.textBody };
    return {
      ...common,
      channel: 'email',
      subject: request.subject ?? rendered.email.subject,
      textBody: request.message ?? rendered.email.textBody,
      htmlBody: request.message === undefined ? rendered.email.htmlBody : renderEmailHtml(request.message),
      attachments: prepared.invite ? [prepared.invite] : [],
    };
  }

  /** Validates every chosen message before any is queued; names `channels` (or `message` for edited text). */
  function checkOutgoing(message: OutgoingMessage, edited: boolean): void {
    try {
      validateOutgoingMessage(message);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const channelLabel = message.channel === 'email' ? 'email address' : 'mobile number';
      if (error.field === 'to') {
        throw new ValidationError(`The patient's ${channelLabel} (${message.to}) cannot receive messages: ${error.message}`, {
          field: 'channels',
          code: message.channel === 'email' ? 'invalid_email' : 'invalid_phone',
        });
      }
      if (error.code === 'sms_too_long') {
        throw new ValidationError(
          `A text message is at most ${SMS_MAX_LENGTH} characters (this one has ${message.textBody.length}); shorten it or send it by email only.`,
          { field: edited ? 'message' : 'channels', code: 'sms_too_long' },
        );
      }
      throw new ValidationError(error.message, { field: edited ? 'message' : 'channels', code: error.code });
    }
  }

  return {
    /**
     * The confirmation of a booking the patient made online, queued in the booking's own
     * transaction: by email with the calendar invite (.ics) when the patient has an email
     * address, otherwise by SMS; nothing when they have neither. Recorded on the
     * appointment's history like the pop-up's Send Notification.
     */
    async sendBookingConfirmationWithin(tx: Transaction, practiceId: string, appointmentId: string): Promise<{ messageIds: string[] }> {
      const sender = { practiceId, staffId: null };
      const prepared = await prepare(tx, sender, appointmentId, 'confirmation', true);
      const { facts } = prepared;
      const channel: MessageChannel | undefined = facts.patient.email ? 'email' : facts.patient.phone ? 'sms' : undefined;
      if (!channel) return { messageIds: [] };
      const message = outgoingOf(prepared, channel, { channels: [channel] }, sender);
      try {
        validateOutgoingMessage(message);
      } catch (error) {
        // An address on file that cannot receive mail must not undo the booking; staff can resend.
        if (error instanceof ValidationError) return { messageIds: [] };
        throw error;
      }
      const queued = await enqueueMessage(tx, practiceId, message);
      if (!queued.duplicate) {
        await recordAppointmentEvent(tx, practiceId, {
          appointmentId,
          actorStaffId: null,
          type: 'notification_sent',
          details: {
            kind: 'confirmation',
            channels: [channel],
            messageIds: [queued.messageId],
            edited: false,
            appointmentVersion: facts.appointment.version,
            ...(prepared.invite && channel === 'email' ? { calendarSequence: calendarSequenceOf(facts.appointment) } : {}),
            ...(prepared.paperwork.length > 0 ? { paperwork: prepared.paperwork } : {}),
            bookedOnline: true,
          },
          occurredAt: clock.now(),
        });
      }
      return { messageIds: [queued.messageId] };
    },

    /** What the pop-up shows: the practice's message for the appointment, rendered in the clinic's zone. */
    async previewNotification(
      actor: StaffActor,
      appointmentId: string,
      kind: AppointmentNotificationKind | undefined,
      meta: RequestMeta,
    ): Promise<NotifyPreview> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const prepared = await prepare(tx, actor, appointmentId, kind, false);
        const { facts, rendered } = prepared;
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'appointment.notify_preview',
          objectType: 'appointment',
          objectId: appointmentId,
          details: { patientId: facts.patient.id, kind: prepared.kind },
        });
        return {
          appointmentId,
          kind: prepared.kind,
          preferredChannel: facts.patient.preferredChannel,
          available: { email: facts.patient.email !== null, sms: facts.patient.phone !== null },
          email: {
            to: facts.patient.email,
            subject: rendered.email.subject,
            textBody: rendered.email.textBody,
            attachments: prepared.invite ? [prepared.invite.filename] : [],
          },
          sms: { to: facts.patient.phone, textBody: rendered.sms.textBody, maxLength: SMS_MAX_LENGTH },
          paperwork: prepared.paperwork,
        };
      });
    },

    /**
     * "Send Notification" (channels chosen) or "Don't Send Notification" (none): queues the
     * message in each channel in one transaction, or records the choice on the
     * appointment's history. A repeat for the same appointment version (a double click)
     * queues nothing new. A cancellation also withdraws reminders still waiting.
     */
    async notifyAppointment(
      actor: StaffActor,
      appointmentId: string,
      request: NotifyAppointmentRequest,
      meta: RequestMeta,
    ): Promise<NotifyAppointmentResult> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const prepared = await prepare(tx, actor, appointmentId, request.kind, true);
        const { facts, kind } = prepared;
        const appointment = facts.appointment;
        const now = clock.now();

        if (request.channels.length === 0) {
          const earlier = await listAppointmentEventsWithin(tx, actor.practiceId, appointmentId, { types: ['notification_skipped'] });
          const alreadyRecorded = earlier.some(
            (event) => event.details.kind === kind && event.details.appointmentVersion === appointment.version,
          );
          if (!alreadyRecorded) {
            await recordAppointmentEvent(tx, actor.practiceId, {
              appointmentId,
              actorStaffId: actor.staffId,
              type: 'notification_skipped',
              details: { kind, appointmentVersion: appointment.version },
              occurredAt: now,
            });
            await recordAudit(tx, {
              ...staffAudit(actor, meta),
              action: 'appointment.notify_skipped',
              objectType: 'appointment',
              objectId: appointmentId,
              details: { patientId: facts.patient.id, kind },
            });
          }
          return { appointmentId, kind, sent: false, messages: [] };
        }

        const outgoing = request.channels.map((channel) => outgoingOf(prepared, channel, request, actor));
        for (const message of outgoing) checkOutgoing(message, request.message !== undefined);
        const messages: NotifyAppointmentResult['messages'] = [];
        for (const message of outgoing) {
          const queued = await enqueueMessage(tx, actor.practiceId, message);
          messages.push({ channel: message.channel, messageId: queued.messageId, duplicate: queued.duplicate });
        }
        const fresh = messages.filter((message) => !message.duplicate);
        if (fresh.length > 0) {
          if (kind === 'cancellation')
            await cancelQueuedMessages(
              tx,
              actor.practiceId,
              { appointmentId, templateKeys: ['reminder'] },
              'The appointment was cancelled.',
            );
          const details = {
            kind,
            channels: fresh.map((message) => message.channel),
            messageIds: fresh.map((message) => message.messageId),
            edited: request.message !== undefined || request.subject !== undefined,
            appointmentVersion: appointment.version,
            ...(prepared.invite ? { calendarSequence: calendarSequenceOf(appointment) } : {}),
            ...(prepared.paperwork.length > 0 ? { paperwork: prepared.paperwork } : {}),
          };
          await recordAppointmentEvent(tx, actor.practiceId, {
            appointmentId,
            actorStaffId: actor.staffId,
            type: 'notification_sent',
            details,
            occurredAt: now,
          });
          await recordAudit(tx, {
            ...staffAudit(actor, meta),
            action: 'appointment.notify',
            objectType: 'appointment',
            objectId: appointmentId,
            details: { patientId: facts.patient.id, ...details },
          });
        }
        return { appointmentId, kind, sent: true, messages };
      });
    },
  };
}

export type AppointmentNotificationsService = ReturnType<typeof createAppointmentNotificationsService>;
