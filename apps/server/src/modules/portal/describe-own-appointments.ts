import type { PortalActionWindows, PortalAppointment } from '@glowdesk/contracts';
import type { Transaction } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { findPatientAppointmentWithin, type AppointmentsService, type PatientAppointmentSnapshot } from '../appointments/index.ts';
import { findClinicContactWithin, findProviderNameWithin, type ClinicContact } from '../practice/index.ts';
import { openPortalActions } from './booking-portal-rules.ts';

/** Where the portal reads the late cancellation fee an appointment would charge (the appointments module). */
export type CancellationFeeSource = Pick<AppointmentsService, 'patientCancellationFeesWithin'>;

/**
 * A patient's appointments as the portal shows them: with their clinic and provider, what
 * the practice's Booking Portal windows let the patient do with each one now, and the late
 * cancellation fee cancelling one now would charge.
 */
export async function describeOwnAppointmentsWithin(
  tx: Transaction,
  practiceId: string,
  appointments: readonly PatientAppointmentSnapshot[],
  policy: { windows: PortalActionWindows; now: Date; fees: CancellationFeeSource; patientId: string },
): Promise<PortalAppointment[]> {
  const clinics = new Map<string, ClinicContact | undefined>();
  const providers = new Map<string, string | undefined>();
  for (const appointment of appointments) {
    if (!clinics.has(appointment.clinicId))
      clinics.set(appointment.clinicId, await findClinicContactWithin(tx, practiceId, appointment.clinicId));
    if (!providers.has(appointment.providerId)) {
      providers.set(appointment.providerId, await findProviderNameWithin(tx, practiceId, appointment.providerId));
    }
  }
  const actions = new Map(appointments.map((appointment) => [appointment.id, openPortalActions(policy.windows, appointment, policy.now)]));
  const cancellable = appointments.filter((appointment) => actions.get(appointment.id)?.cancel === true);
  const fees = await policy.fees.patientCancellationFeesWithin(
    tx,
    practiceId,
    cancellable.map((appointment) => ({ ...appointment, patientId: policy.patientId })),
  );
  return appointments.map((appointment) => {
    const clinic = clinics.get(appointment.clinicId);
    const fee = fees.get(appointment.id);
    return {
      id: appointment.id,
      status: appointment.status,
      mode: appointment.mode,
      startsAt: appointment.startsAt.toISOString(),
      endsAt: appointment.endsAt.toISOString(),
      services: appointment.services,
      clinic: {
        id: appointment.clinicId,
        name: clinic?.name ?? '',
        timezone: clinic?.timezone ?? 'UTC',
        phone: clinic?.phone ?? null,
        address: clinic?.address ?? null,
      },
      provider: { id: appointment.providerId, name: providers.get(appointment.providerId) ?? '' },
      actions: actions.get(appointment.id) ?? openPortalActions(policy.windows, appointment, policy.now),
      cancellationFee: fee
        ? {
            amountCents: fee.amountCents,
            currency: fee.currency,
            amountLabel: fee.amountLabel,
            windowHours: fee.windowHours,
            policy: fee.policy,
          }
        : null,
    };
  });
}

/** One of the patient's own appointments as the portal shows it, read again after a change; 404 for any other. */
export async function describeOwnAppointmentWithin(
  tx: Transaction,
  practiceId: string,
  appointmentId: string,
  policy: { windows: PortalActionWindows; now: Date; fees: CancellationFeeSource; patientId: string },
): Promise<PortalAppointment> {
  const appointment = await findPatientAppointmentWithin(tx, practiceId, policy.patientId, appointmentId);
  const [described] = appointment ? await describeOwnAppointmentsWithin(tx, practiceId, [appointment], policy) : [];
  if (!described) throw new NotFoundError('Appointment', 'appointmentId');
  return described;
}
