import { expect, type APIRequestContext } from '@playwright/test';
import { bookToday, createPatient, getJson, postJson, soho, wallClock, type Clinic, type Provider } from './book-helpers.ts';

/**
 * Opens a provider's day at a clinic today with a date override (06:00–23:00), whatever weekday
 * the suite runs on; a 409 means another test opened it already.
 */
export async function openProviderToday(request: APIRequestContext, providerId: string, clinic: Clinic): Promise<string> {
  const localDate = wallClock(new Date(), clinic.timezone).localDate;
  const override = await request.post(`/api/v1/providers/${providerId}/schedule-overrides`, {
    data: { clinicId: clinic.id, localDate, intervals: [{ start: '06:00', end: '23:00' }], note: 'e2e: EMR' },
  });
  expect(override.ok() || override.status() === 409, `schedule override → ${override.status()}`).toBeTruthy();
  return localDate;
}

export interface VisitToday {
  clinic: Clinic;
  provider: Provider;
  patient: { id: string; firstName: string; lastName: string };
  visit: { id: string; localDate: string; start: string };
  serviceId: string;
  /** The clinic's date today. */
  localDate: string;
}

/**
 * A new client (named `firstName`) booked today at the demo's SoHo clinic for the first service
 * matching `service`, with a provider who performs it, from `fromMinutes` after midnight on:
 * check-in and charting open only on the visit's own day.
 */
export async function visitToday(
  request: APIRequestContext,
  options: { service: RegExp; firstName: string; fromMinutes: number },
): Promise<VisitToday> {
  const { clinic, providers, service } = await soho(request);
  const booked = service(options.service);
  const provider = providers.find((candidate) => candidate.serviceIds.includes(booked.id));
  if (!provider) throw new Error(`no SoHo provider performs ${booked.name}`);
  const patient = await createPatient(request, options.firstName);
  const localDate = await openProviderToday(request, provider.id, clinic);
  const visit = await bookToday(request, clinic, options.fromMinutes, {
    kind: 'appointment',
    mode: 'in_person',
    providerId: provider.id,
    serviceIds: [booked.id],
    patientId: patient.id,
    allowDoubleBooking: true,
    requireCardOnFile: false,
  });
  return { clinic, provider, patient, visit, serviceId: booked.id, localDate };
}

/** Opens a chart of the procedure type named `typeName` on the visit (through the API), as Start Procedure would. */
export async function chartFor(request: APIRequestContext, visit: VisitToday, typeName: string): Promise<{ id: string }> {
  const types = await getJson<{ items: { id: string; name: string }[] }>(request, '/api/v1/procedure-types');
  const type = types.items.find((candidate) => candidate.name === typeName);
  if (!type) throw new Error(`no procedure type is named ${typeName}`);
  return postJson<{ id: string }>(request, '/api/v1/procedures', {
    patientId: visit.patient.id,
    procedureTypeId: type.id,
    appointmentId: visit.visit.id,
  });
}
