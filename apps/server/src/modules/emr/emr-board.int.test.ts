import type { EmrBoard } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import type { GlowdeskApp } from '../../app.ts';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { createClinic } from '../practice/practice-test-builders.ts';
import { bookVisit, createChartingPractice, createPatient, postProcedure } from './emr-test-support.ts';

// Tuesday 3 March 2026, 07:30 in New York.
const { app } = await createTestApp({ clock: createManualClock('2026-03-03T12:30:00Z') });

function act(target: GlowdeskApp, headers: Record<string, string>, appointmentId: string, action: string) {
  return target.inject({ method: 'POST', url: `/api/v1/appointments/${appointmentId}/${action}`, headers, payload: {} });
}

function cardsByColumn(board: EmrBoard): Record<string, string[]> {
  return Object.fromEntries(board.columns.map((column) => [column.key, column.cards.map((card) => card.patient.firstName)]));
}

describe('the EMR board', () => {
  it('shows the clinic’s day by column, moves a card when the book changes it, and puts a signed in-procedure visit in Ready for Checkout', async () => {
    const setup = await createChartingPractice(app);
    const headers = setup.practice.owner.headers;
    const names = ['Booked', 'Confirmed', 'Arrived', 'Treating', 'Signed', 'Done', 'Cancelled'];
    const ids: Record<string, string> = {};
    for (const [index, firstName] of names.entries()) {
      const patientId = await createPatient(app, setup, { firstName, lastName: 'Visit' });
      ids[firstName] = await bookVisit(app, setup, `2026-03-03T${String(14 + index).padStart(2, '0')}:00:00Z`, { patientId });
    }
    // Tomorrow in New York (00:30 UTC on the 4th is still the 3rd there; 05:30 UTC on the 4th is not).
    const lateId = await createPatient(app, setup, { firstName: 'Late', lastName: 'Evening' });
    await bookVisit(app, setup, '2026-03-04T00:30:00Z', { patientId: lateId });
    const tomorrowId = await createPatient(app, setup, { firstName: 'Tomorrow', lastName: 'Visit' });
    await bookVisit(app, setup, '2026-03-04T14:00:00Z', { patientId: tomorrowId });
    const id = (name: string) => ids[name] ?? '';
    await act(app, headers, id('Confirmed'), 'confirm');
    for (const name of ['Arrived', 'Treating', 'Signed', 'Done'])
      expect((await act(app, headers, id(name), 'check-in')).statusCode).toBe(200);
    for (const name of ['Treating', 'Signed']) expect((await act(app, headers, id(name), 'start')).statusCode).toBe(200);
    await act(app, headers, id('Done'), 'complete');
    const cancelled = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${id('Cancelled')}/cancel`,
      headers,
      payload: { reason: 'Unwell' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const signedPatient = (await app.inject({ method: 'GET', url: `/api/v1/appointments/${id('Signed')}`, headers })).json<{
      patient: { id: string };
    }>().patient.id;
    const procedure = await postProcedure(app, headers, {
      patientId: signedPatient,
      procedureTypeId: setup.procedureType.id,
      appointmentId: id('Signed'),
    });
    const procedureId = procedure.json<{ id: string }>().id;
    await app.inject({ method: 'POST', url: `/api/v1/procedures/${procedureId}/sign`, headers, payload: {} });

    const response = await app.inject({ method: 'GET', url: `/api/v1/emr/board?clinicId=${setup.clinic.id}&date=2026-03-03`, headers });
    expect(response.statusCode, response.body).toBe(200);
    const board = response.json<EmrBoard>();
    expect(board.columns.map((column) => column.label)).toEqual([
      'Booked/Confirmed',
      'Checked In',
      'In Procedure',
      'Ready for Checkout',
      'Completed',
    ]);
    expect(cardsByColumn(board)).toEqual({
      booked: ['Booked', 'Confirmed', 'Late'],
      checked_in: ['Arrived'],
      in_procedure: ['Treating'],
      ready_for_checkout: ['Signed'],
      completed: ['Done'],
    });
    const ready = board.columns[3]?.cards[0];
    expect(ready).toMatchObject({
      appointmentId: id('Signed'),
      status: 'in_procedure',
      serviceNames: ['Consultation'],
      provider: { id: setup.providerA.id },
      formsOutstanding: 0,
      procedureId,
    });

    // Start Procedure on the checked-in card moves it to In Procedure.
    expect((await act(app, headers, id('Arrived'), 'start')).statusCode).toBe(200);
    const after = (
      await app.inject({ method: 'GET', url: `/api/v1/emr/board?clinicId=${setup.clinic.id}&date=2026-03-03`, headers })
    ).json<EmrBoard>();
    expect(cardsByColumn(after)).toMatchObject({ checked_in: [], in_procedure: ['Arrived', 'Treating'] });
  });

  it('shows front desk the cards without chart links, and refuses a bad date, an unknown clinic and another practice’s clinic', async () => {
    const setup = await createChartingPractice(app);
    const appointmentId = await bookVisit(app, setup, '2026-03-03T15:00:00Z');
    await postProcedure(app, setup.practice.owner.headers, {
      patientId: setup.patientId,
      procedureTypeId: setup.procedureType.id,
      appointmentId,
    });
    const frontDesk = await setup.practice.signInAs('front_desk');
    const url = (query: string) => `/api/v1/emr/board?${query}`;
    const seen = await app.inject({ method: 'GET', url: url(`clinicId=${setup.clinic.id}&date=2026-03-03`), headers: frontDesk.headers });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json<EmrBoard>().columns[0]?.cards).toMatchObject([{ patient: { firstName: 'Grace' }, procedureId: null }]);

    const owner = setup.practice.owner.headers;
    const badDate = await app.inject({ method: 'GET', url: url(`clinicId=${setup.clinic.id}&date=2026-02-30`), headers: owner });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toMatchObject({ field: 'date' });
    const noClinic = await app.inject({ method: 'GET', url: url('date=2026-03-03'), headers: owner });
    expect(noClinic.json()).toMatchObject({ field: 'clinicId' });
    const unknown = await app.inject({ method: 'GET', url: url(`clinicId=${crypto.randomUUID()}&date=2026-03-03`), headers: owner });
    expect(unknown.statusCode).toBe(404);
    const elsewhere = await createChartingPractice(app);
    const theirClinic = await createClinic(app, elsewhere.practice);
    const foreign = await app.inject({ method: 'GET', url: url(`clinicId=${theirClinic.id}&date=2026-03-03`), headers: owner });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ field: 'clinicId' });
  });
});
