import type { InventoryLot, Procedure, ProcedureType } from '@glowdesk/contracts';
import { expect } from 'vitest';
import type { GlowdeskApp } from '../../app.ts';
import { book, createBookablePractice, type BookablePractice } from '../appointments/appointments-test-builders.ts';

/** A bookable practice (New York clinic, two providers, patient Grace) with a procedure type and a lot of toxin. */
export interface ChartingPractice extends BookablePractice {
  procedureType: ProcedureType;
  lot: InventoryLot;
}

export async function createChartingPractice(app: GlowdeskApp, options: { lotQuantity?: number } = {}): Promise<ChartingPractice> {
  const setup = await createBookablePractice(app);
  const type = await app.inject({
    method: 'POST',
    url: '/api/v1/procedure-types',
    headers: setup.practice.owner.headers,
    payload: { name: 'Neurotoxin', sections: ['clinical_notes', 'injectables', 'photos'] },
  });
  expect(type.statusCode, type.body).toBe(201);
  const lot = await createLot(app, setup, { quantity: options.lotQuantity ?? 100 });
  return { ...setup, procedureType: type.json<ProcedureType>(), lot };
}

export async function createLot(app: GlowdeskApp, setup: BookablePractice, overrides: Record<string, unknown> = {}): Promise<InventoryLot> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/inventory/lots',
    headers: setup.practice.owner.headers,
    payload: {
      productName: 'Botox',
      lotNumber: `C${Math.random().toString().slice(2, 8)}`,
      expiresOn: '2027-06-30',
      quantity: 100,
      ...overrides,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<InventoryLot>();
}

export async function createPatient(app: GlowdeskApp, setup: BookablePractice, payload: Record<string, unknown>): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/patients', headers: setup.practice.owner.headers, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

/** Books `start` for the patient (Grace by default) with provider A and returns the appointment id. */
export async function bookVisit(
  app: GlowdeskApp,
  setup: BookablePractice,
  start: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await book(app, setup, { start, ...overrides });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

export function postProcedure(app: GlowdeskApp, headers: Record<string, string>, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/v1/procedures', headers, payload });
}

/** A procedure on a new booking of the patient at `start`, charted by the owner. */
export async function startProcedure(
  app: GlowdeskApp,
  setup: ChartingPractice,
  start: string,
  patientId = setup.patientId,
): Promise<Procedure> {
  const appointmentId = await bookVisit(app, setup, start, { patientId });
  const response = await postProcedure(app, setup.practice.owner.headers, {
    patientId,
    procedureTypeId: setup.procedureType.id,
    appointmentId,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Procedure>();
}

export function patchProcedure(app: GlowdeskApp, headers: Record<string, string>, procedureId: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'PATCH', url: `/api/v1/procedures/${procedureId}`, headers, payload });
}
