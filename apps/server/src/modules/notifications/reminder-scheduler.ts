import type { MessageChannel } from '@glowdesk/contracts';
import type { PortalLinkSource } from './portal-links.ts';
import { systemClock, type Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { ValidationError } from '../../platform/errors.ts';
import { createRepeatingJob } from '../../platform/repeating-job.ts';
import { asPlatform, inPractice } from '../../platform/tenancy.ts';
import {
  findAppointmentSnapshotWithin,
  listUpcomingAppointmentStarts,
  recordAppointmentEvent,
  UPCOMING_STATUSES,
  type BookingObserver,
  type UpcomingAppointmentStart,
} from '../appointments/index.ts';
import { createPatientsService } from '../patients/index.ts';
import {
  addressOn,
  cancellationPolicyFor,
  loadAppointmentMessageFacts,
  messageContextOf,
  type AppointmentMessageFacts,
  type CancellationPolicySource,
  type PatientDirectory,
} from './appointment-message-facts.ts';
import { cancelQueuedMessages, enqueueMessage, type OutgoingMessage } from './message-outbox.ts';
import { renderPracticeMessage } from './practice-message-templates.ts';
import type { RenderedMessage } from './render-message-template.ts';
import * as reminders from './reminder-repository.ts';
import type { ReminderKey, ReminderSettingsRecord } from './reminder-repository.ts';

/** The subset of a pino logger the job writes to. */
export interface ReminderLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

const silentLogger: ReminderLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface ReminderSchedulerOptions {
  database: Database;
  clock?: Clock;
  /** Pause between scans; a minute by default. */
  intervalMs?: number;
  /** Reads patients in the job's transactions; by default the patients module's service. */
  patients?: PatientDirectory;
  /** The cancellation policy a reminder includes (the sales module); without it reminders leave it out. */
  cancellationPolicies?: CancellationPolicySource;
  /** `{{portalLink}}`: the practice's patient portal address; without one reminders leave it out. */
  portalLinks?: PortalLinkSource | undefined;
  /** Appointments read per page of the scan. */
  pageSize?: number;
  logger?: ReminderLogger;
  /**
   * Remind only these practices' patients. Tests that share one database set it so their
   * scans never touch each other's appointments; production scans every practice.
   */
  onlyPractices?: readonly string[];
}

export interface ReminderScanResult {
  /** Upcoming appointments inside the scan's window. */
  considered: number;
  queued: number;
  /** The patient has neither an email address nor a mobile number. */
  skipped: number;
  /** No message could be built (e.g. an SMS over the limit and no email). */
  failed: number;
}

export interface ReminderScheduler {
  /** Scans now and then every `intervalMs`; returns at once. */
  start(): void;
  /** Stops scanning and waits for the scan in flight. */
  stop(): Promise<void>;
  /** One scan at `now` (the clock's now by default): what the timer runs, and what tests drive. */
  runReminderScan(now?: Date): Promise<ReminderScanResult>;
  readonly running: boolean;
}

/** The reminder due at `now` for an appointment starting at `startsAt`: the smallest offset whose time has come. */
export function dueReminderOffset(
  startsAt: Date,
  now: Date,
  settings: Pick<ReminderSettingsRecord, 'remindersEnabled' | 'reminderOffsetsMinutes'>,
): number | undefined {
  if (!settings.remindersEnabled || startsAt.getTime() <= now.getTime()) return undefined;
  const due = settings.reminderOffsetsMinutes.filter((offset) => startsAt.getTime() - offset * 60_000 <= now.getTime());
  return due.length > 0 ? Math.min(...due) : undefined;
}

/** The outbox dedupe key of a reminder: one per appointment, offset and start. */
export function reminderDedupeKey(reminder: { appointmentId: string; offsetMinutes: number; startsAt: Date }): string {
  return `reminder:${reminder.appointmentId}:${reminder.offsetMinutes}:${reminder.startsAt.toISOString()}`;
}

function channelsByPreference(facts: AppointmentMessageFacts): MessageChannel[] {
  const order: MessageChannel[] = facts.patient.preferredChannel === 'sms' ? ['sms', 'email'] : ['email', 'sms'];
  return order.filter((channel) => addressOn(facts.patient, channel) !== null);
}

type ReminderOutcome = 'queued' | 'skipped' | 'failed' | 'stale' | 'duplicate';

/**
 * Appointment reminders. A scan looks at upcoming (booked or confirmed) appointments
 * starting within the largest offset any practice uses, and for each queues the reminder
 * whose time has come (the smallest offset already reached) unless it was handled before:
 * by the patient's preferred channel, falling back to the other. The ledger
 * `appointment_reminders` and the outbox dedupe key `reminder:<appointment>:<offset>:<start>`
 * make a reminder happen once across re-runs and processes; a moved appointment has a new
 * start, so it gets its own. See docs/decisions/008.
 */
export function createReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const { database } = options;
  const clock = options.clock ?? systemClock;
  const intervalMs = options.intervalMs ?? 60_000;
  const pageSize = options.pageSize ?? 500;
  const logger = options.logger ?? silentLogger;
  const patients = options.patients ?? createPatientsService(database, clock);
  const portalLinks = options.portalLinks;
  const onlyPractices = options.onlyPractices;

  /** The reminder in one channel, rendered from the practice's `reminder` template. */
  function messageFor(
    facts: AppointmentMessageFacts,
    rendered: RenderedMessage,
    channel: MessageChannel,
    reminder: { offsetMinutes: number; startsAt: Date },
  ): OutgoingMessage {
    const common = {
      to: addressOn(facts.patient, channel) ?? '',
      patientId: facts.patient.id,
      appointmentId: facts.appointment.id,
      templateKey: 'reminder' as const,
      dedupeKey: reminderDedupeKey({ appointmentId: facts.appointment.id, ...reminder }),
    };
    return channel === 'email'
      ? { ...common, channel, subject: rendered.email.subject, textBody: rendered.email.textBody, htmlBody: rendered.email.htmlBody }
      : { ...common, channel, textBody: rendered.sms.textBody };
  }

  /** Queues one reminder in the practice's own transaction, re-checking the appointment under a share lock. */
  async function remind(candidate: ReminderKey, now: Date): Promise<ReminderOutcome> {
    return inPractice(database, candidate.practiceId, async (tx) => {
      const { practiceId, appointmentId, offsetMinutes, startsAt } = candidate;
      const appointment = await findAppointmentSnapshotWithin(tx, practiceId, appointmentId, { lock: 'share' });
      // Cancelled, marked a no-show or moved since the scan read it: nothing to remind of (a moved one is found again at its new start).
      if (!appointment || !UPCOMING_STATUSES.includes(appointment.status) || appointment.startsAt.getTime() !== startsAt.getTime())
        return 'stale';
      const facts = await loadAppointmentMessageFacts(tx, practiceId, appointment, patients);
      if (!facts) return 'stale';
      const reminder = { offsetMinutes, startsAt };
      const history = { appointmentId, actorStaffId: null, occurredAt: now };
      const channels = channelsByPreference(facts);
      if (channels.length === 0) {
        if (
          !(await reminders.recordReminderOutcome(tx, practiceId, {
            appointmentId,
            ...reminder,
            outcome: 'skipped',
            reason: 'no_contact',
            now,
          }))
        )
          return 'duplicate';
        await recordAppointmentEvent(tx, practiceId, {
          ...history,
          type: 'reminder_skipped',
          details: { offsetMinutes, startsAt: startsAt.toISOString(), reason: 'The patient has no email address or mobile number.' },
        });
        return 'skipped';
      }
      const context = messageContextOf(facts, {
        portalLink: await portalLinks?.(tx, practiceId),
        cancellationPolicy: await cancellationPolicyFor(tx, practiceId, appointment.clinicId, options.cancellationPolicies),
      });
      const rendered = await renderPracticeMessage(tx, practiceId, 'reminder', context);
      const problems: string[] = [];
      for (const channel of channels) {
        const message = messageFor(facts, rendered, channel, reminder);
        let queued;
        try {
          queued = await enqueueMessage(tx, practiceId, message);
        } catch (error) {
          // Validation happens before anything is written, so the transaction is still usable.
          if (!(error instanceof ValidationError)) throw error;
          problems.push(`${channel}: ${error.message}`);
          continue;
        }
        if (queued.duplicate) {
          await reminders.recordReminderOutcome(tx, practiceId, {
            appointmentId,
            ...reminder,
            outcome: 'queued',
            channel,
            messageId: queued.messageId,
            now,
          });
          return 'duplicate';
        }
        if (
          !(await reminders.recordReminderOutcome(tx, practiceId, {
            appointmentId,
            ...reminder,
            outcome: 'queued',
            channel,
            messageId: queued.messageId,
            now,
          }))
        ) {
          throw new Error(`reminder ${message.dedupeKey} was recorded by another run without its message`);
        }
        await recordAppointmentEvent(tx, practiceId, {
          ...history,
          type: 'reminder_queued',
          details: { offsetMinutes, startsAt: startsAt.toISOString(), channel, messageId: queued.messageId, dedupeKey: message.dedupeKey },
        });
        return 'queued';
      }
      const reason = problems.join('; ');
      if (!(await reminders.recordReminderOutcome(tx, practiceId, { appointmentId, ...reminder, outcome: 'failed', reason, now })))
        return 'duplicate';
      await recordAppointmentEvent(tx, practiceId, {
        ...history,
        type: 'reminder_failed',
        details: { offsetMinutes, startsAt: startsAt.toISOString(), reason },
      });
      return 'failed';
    });
  }

  /** One page of the scan: the page's appointments and the reminders among them that are due and not handled yet. */
  async function readPage(now: Date, windowMinutes: number, after: UpcomingAppointmentStart | undefined) {
    return asPlatform(database, async (tx) => {
      const page = await listUpcomingAppointmentStarts(tx, {
        from: now,
        to: new Date(now.getTime() + windowMinutes * 60_000),
        after: after ? { startsAt: after.startsAt, appointmentId: after.appointmentId } : undefined,
        practiceIds: onlyPractices,
        limit: pageSize,
      });
      const settings = await reminders.findReminderSettingsOf(tx, [...new Set(page.map((row) => row.practiceId))]);
      const due: ReminderKey[] = page.flatMap((row) => {
        const offsetMinutes = dueReminderOffset(row.startsAt, now, settings.get(row.practiceId) ?? reminders.defaultReminderSettings);
        return offsetMinutes === undefined
          ? []
          : [{ practiceId: row.practiceId, appointmentId: row.appointmentId, offsetMinutes, startsAt: row.startsAt }];
      });
      const handled = await reminders.findHandledReminders(tx, due);
      return { page, due: due.filter((key) => !handled.has(reminders.reminderKeyText(key))) };
    });
  }

  async function runReminderScan(now: Date = clock.now()): Promise<ReminderScanResult> {
    const result: ReminderScanResult = { considered: 0, queued: 0, skipped: 0, failed: 0 };
    const windowMinutes = await asPlatform(database, (tx) => reminders.findLargestReminderOffsetMinutes(tx, onlyPractices));
    let after: UpcomingAppointmentStart | undefined;
    for (;;) {
      const { page, due } = await readPage(now, windowMinutes, after);
      result.considered += page.length;
      for (const candidate of due) {
        try {
          const outcome = await remind(candidate, now);
          if (outcome === 'queued' || outcome === 'skipped' || outcome === 'failed') result[outcome] += 1;
        } catch (error) {
          // One appointment's trouble must not stop the others; the next scan tries it again.
          logger.error(
            { err: error, appointmentId: candidate.appointmentId, practiceId: candidate.practiceId },
            'reminder could not be queued',
          );
        }
      }
      if (page.length < pageSize) break;
      after = page.at(-1);
    }
    if (result.queued + result.skipped + result.failed > 0) logger.info({ ...result }, 'appointment reminders queued');
    return result;
  }

  const job = createRepeatingJob({
    intervalMs,
    run: async () => {
      await runReminderScan();
    },
    onError: (error) => logger.error({ err: error }, 'reminder scan failed'),
  });

  return {
    start: () => job.start(),
    stop: () => job.stop(),
    runReminderScan,
    get running() {
      return job.running;
    },
  };
}

/**
 * Withdraws reminders still waiting in the outbox when their appointment is cancelled or
 * moved (the appointments module's BookingObserver port): a moved appointment gets new
 * reminders for its new start from the next scan.
 */
export function createReminderBookingObserver(): BookingObserver {
  return {
    async onAppointmentBooked() {
      // A new booking's reminders are found by the next scan.
    },
    async onAppointmentRescheduled(tx, practiceId, appointment) {
      // Only a new start makes a waiting reminder wrong (a change of provider or services keeps the time).
      if (appointment.startsAt.getTime() === appointment.previousStartsAt.getTime()) return;
      await cancelQueuedMessages(
        tx,
        practiceId,
        { appointmentId: appointment.id, templateKeys: ['reminder'] },
        'The appointment was moved.',
      );
    },
    async onAppointmentCancelled(tx, practiceId, appointment) {
      await cancelQueuedMessages(
        tx,
        practiceId,
        { appointmentId: appointment.id, templateKeys: ['reminder'] },
        'The appointment was cancelled.',
      );
    },
  };
}
