import type { OnlineBooking } from '@glowdesk/contracts';
import type { PatientActor } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Transaction } from '../../platform/database.ts';
import { AppError, ConflictError, UnauthenticatedError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { AppointmentsService } from '../appointments/index.ts';
import type { PatientsService } from '../patients/index.ts';
import { checkOnlineSelectionWithin, findClinicContactWithin, findProviderNameWithin, type PracticeService } from '../practice/index.ts';
import { findPortalPractice, type PortalPracticeDirectory } from './portal-practice.ts';
import { recordPortalAppointmentChange } from './record-portal-appointment-change.ts';

/** The confirmation of an online booking (the notifications module), queued in the booking's transaction. */
export interface BookingConfirmations {
  sendBookingConfirmationWithin(tx: Transaction, practiceId: string, appointmentId: string): Promise<{ messageIds: string[] }>;
}

export interface OnlineBookingInput {
  clinicId: string;
  serviceIds?: string[] | undefined;
  packageId?: string | undefined;
  mode?: 'in_person' | 'virtual' | undefined;
  start: string;
  providerId?: string | undefined;
  notes?: string | undefined;
  paymentMethodId?: string | undefined;
  policyAcceptance?: { policyVersionId: string; accepted: true } | undefined;
}

export interface BookOnlineDependencies {
  database: Database;
  clock: Clock;
  practices: PortalPracticeDirectory;
  patients: Pick<PatientsService, 'findPatientWithin'>;
  appointments: Pick<AppointmentsService, 'bookAsPatient'>;
  availability: Pick<PracticeService['availability'], 'findUnoccupiedProviders'>;
  confirmations: BookingConfirmations;
}

function isSlotTaken(error: unknown): boolean {
  return error instanceof AppError && error.code === 'slot_taken';
}

/**
 * "Book" on the online booking page, for the signed-in patient at the practice of the
 * address (a session of another practice is a 401: sign in here). The services must all be
 * bookable online; when one requires a card, the patient gives one of their own cards on
 * file and accepts the clinic's current cancellation policy, kept as the evidence fees rely
 * on (docs/decisions/023). The appointments module books through the staff booking's rules;
 * with "any provider" the providers free at that start are tried in the book's order until
 * one holds, and a time nobody can take any more is a 409 `slot_taken`. In the booking's
 * transaction the clinic is alerted and the patient's confirmation (email with the .ics
 * invite, else SMS) is queued.
 */
export async function bookOnline(
  deps: BookOnlineDependencies,
  actor: PatientActor & { patientId: string },
  slug: string,
  input: OnlineBookingInput,
  idempotencyKey: string | undefined,
  meta: RequestMeta,
): Promise<{ booking: OnlineBooking; replayed: boolean }> {
  const practice = await findPortalPractice(deps.practices, slug);
  if (practice.id !== actor.practiceId) throw new UnauthenticatedError(`Sign in to ${practice.name} to book.`);
  const { practiceId, patientId } = actor;
  const start = new Date(input.start);
  if (start.getTime() <= deps.clock.now().getTime()) {
    throw new ValidationError('That time has passed. Choose another time.', { field: 'start', code: 'start_in_past' });
  }
  const selection = input.packageId !== undefined ? { packageId: input.packageId } : { serviceIds: input.serviceIds ?? [] };
  const { requiresCard } = await inPractice(deps.database, practiceId, (tx) => checkOnlineSelectionWithin(tx, practiceId, selection));
  if (requiresCard && input.paymentMethodId === undefined) {
    throw new ValidationError('This service needs a card on file to book online. Add a card, then book.', {
      field: 'paymentMethodId',
      code: 'card_required',
    });
  }
  if (input.paymentMethodId !== undefined && input.policyAcceptance === undefined) {
    throw new ValidationError('Read and accept the clinic’s cancellation policy to book with your card.', {
      field: 'policyAcceptance',
      code: 'policy_acceptance_required',
    });
  }
  const card =
    input.paymentMethodId !== undefined && input.policyAcceptance !== undefined
      ? { paymentMethodId: input.paymentMethodId, policyVersionId: input.policyAcceptance.policyVersionId }
      : undefined;

  const candidates =
    input.providerId !== undefined
      ? [input.providerId]
      : (
          await deps.availability.findUnoccupiedProviders(
            { practiceId },
            { ...selection, clinicId: input.clinicId, mode: input.mode, start },
          )
        ).providers.map((provider) => provider.id);
  if (candidates.length === 0) throw new ConflictError('That time was just taken. Choose another time.', 'slot_taken', { field: 'start' });

  const booker = {
    kind: 'patient' as const,
    practiceId,
    patientId,
    card,
    afterBooked: async (
      tx: Transaction,
      record: { id: string; clinicId: string; startsAt: Date; version: number },
      booked: { serviceNames: string[]; card: { brand: string; last4: string } | null },
    ) => {
      await recordPortalAppointmentChange(deps, tx, { practiceId, patientId }, record, { action: 'booked', ...booked }, meta, {
        start: record.startsAt.toISOString(),
        ...(card ? { paymentMethodId: card.paymentMethodId } : {}),
      });
      await deps.confirmations.sendBookingConfirmationWithin(tx, practiceId, record.id);
    },
  };
  let lastError: unknown;
  for (const providerId of candidates) {
    try {
      const { appointment, replayed } = await deps.appointments.bookAsPatient(
        booker,
        {
          clinicId: input.clinicId,
          providerId,
          requestedProviderId: input.providerId,
          serviceIds: input.serviceIds,
          packageId: input.packageId,
          mode: input.mode,
          start: input.start,
          notes: input.notes,
        },
        idempotencyKey,
        meta,
      );
      const names = await inPractice(deps.database, practiceId, async (tx) => ({
        clinic: await findClinicContactWithin(tx, practiceId, appointment.clinicId),
        providerName: await findProviderNameWithin(tx, practiceId, appointment.providerId),
      }));
      return {
        replayed,
        booking: {
          appointment: {
            id: appointment.id,
            start: appointment.startsAt.toISOString(),
            end: appointment.endsAt.toISOString(),
            clinicId: appointment.clinicId,
            clinicName: names.clinic?.name ?? '',
            timezone: appointment.timeZone,
            providerId: appointment.providerId,
            providerName: names.providerName ?? '',
            serviceNames: appointment.services.map((service) => service.serviceName),
            mode: appointment.mode ?? 'in_person',
            status: appointment.status,
            card: appointment.cardOnFile ? { brand: appointment.cardOnFile.cardBrand, last4: appointment.cardOnFile.cardLast4 } : null,
          },
        },
      };
    } catch (error) {
      if (!isSlotTaken(error) || input.providerId !== undefined) throw error;
      lastError = error;
    }
  }
  throw lastError;
}
