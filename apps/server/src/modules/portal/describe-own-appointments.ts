import type { PortalActionWindows, PortalAppointment } from '@glowdesk/contracts';
import type { Transaction } from '../../platform/database.ts';
import type { PatientAppointmentSnapshot } from '../appointments/index.ts';
import { findClinicContactWithin, findProviderNameWithin, type ClinicContact } from '../practice/index.ts';
import { openPortalActions } from './booking-portal-rules.ts';

/**
 * A patient's appointments as the portal shows them: with their clinic and provider, and
 * what the practice's Booking Portal windows let the patient do with each one now.
 */
export async function describeOwnAppointmentsWithin(
  tx: Transaction,
  practiceId: string,
  appointments: readonly PatientAppointmentSnapshot[],
  policy: { windows: PortalActionWindows; now: Date },
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
  return appointments.map((appointment) => {
    const clinic = clinics.get(appointment.clinicId);
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
      actions: openPortalActions(policy.windows, appointment, policy.now),
    };
  });
}
