import type { Clinic, Provider, Resource, Service } from '@glowdesk/contracts';
import { expect } from 'vitest';
import type { GlowdeskApp } from '../../app.ts';
import { createTestPractice, type TestPractice } from '../../testing/test-app.ts';
import { createClinic, createProvider, createResource, createService, everyDay, replaceRules } from '../practice/practice-test-builders.ts';

export interface BookablePractice {
  practice: TestPractice;
  clinic: Clinic;
  laser: Resource;
  /** 60 min, 15 min after-buffer, needs the laser. */
  laserTreatment: Service;
  /** 30 min, no resources, in person or virtual. */
  consultation: Service;
  /** Works 08:00–20:00 every day at the clinic, performs both services, has a virtual room. */
  providerA: Provider;
  providerB: Provider;
  patientId: string;
}

/** A clinic in New York with a one-unit laser, two services, two providers and a patient. */
export async function createBookablePractice(app: GlowdeskApp, options: { timezone?: string } = {}): Promise<BookablePractice> {
  const practice = await createTestPractice(app, { timezone: options.timezone ?? 'America/New_York' });
  const clinic = await createClinic(app, practice, { timezone: options.timezone ?? 'America/New_York' });
  const laser = await createResource(app, practice, clinic.id, { name: 'Laser', kind: 'equipment', quantity: 1 });
  const laserTreatment = await createService(app, practice, {
    name: 'Laser hair removal',
    durationMinutes: 60,
    bufferAfterMinutes: 15,
    clinicIds: [clinic.id],
    resourceIds: [laser.id],
    noShowFeeCents: 5000,
  });
  const consultation = await createService(app, practice, {
    name: 'Consultation',
    durationMinutes: 30,
    mode: 'both',
    clinicIds: [clinic.id],
  });
  const providerA = await createProvider(app, practice, {
    clinicIds: [clinic.id],
    serviceIds: [laserTreatment.id, consultation.id],
    virtualRoomUrl: 'https://meet.example.com/room-a',
  });
  const providerB = await createProvider(app, practice, { clinicIds: [clinic.id], serviceIds: [laserTreatment.id, consultation.id] });
  await replaceRules(app, practice, providerA.id, clinic.id, everyDay('08:00', '20:00'));
  await replaceRules(app, practice, providerB.id, clinic.id, everyDay('08:00', '20:00'));
  const patient = await app.inject({
    method: 'POST',
    url: '/api/v1/patients',
    headers: practice.owner.headers,
    payload: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' },
  });
  expect(patient.statusCode).toBe(201);
  return { practice, clinic, laser, laserTreatment, consultation, providerA, providerB, patientId: patient.json<{ id: string }>().id };
}

export async function book(
  app: GlowdeskApp,
  setup: BookablePractice,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: { ...setup.practice.owner.headers, ...headers },
    payload: {
      kind: 'appointment',
      mode: 'in_person',
      clinicId: setup.clinic.id,
      providerId: setup.providerA.id,
      serviceIds: [setup.consultation.id],
      start: '2026-03-03T15:00:00Z',
      patientId: setup.patientId,
      ...overrides,
    },
  });
}
