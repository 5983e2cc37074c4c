import type { Procedure } from '@glowdesk/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inPractice } from '../../platform/tenancy.ts';
import { createManualClock, createTestApp, createTestPractice, setProvidersManageAllAppointments } from '../../testing/test-app.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import { bookVisit, createChartingPractice, createPatient, patchProcedure, postProcedure, startProcedure } from './emr-test-support.ts';

// Tuesday 3 March 2026, 07:30 in New York.
const { app, database } = await createTestApp({ clock: createManualClock('2026-03-03T12:30:00Z') });

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
  status: number,
  body: object,
) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  expect(response.json()).toMatchObject(body);
}

describe('procedure types', () => {
  it('are added by owners and admins, read by providers, refused to front desk, and unique by name', async () => {
    const setup = await createChartingPractice(app);
    const admin = await setup.practice.signInAs('admin');
    const provider = await setup.practice.signInAs('provider');
    const frontDesk = await setup.practice.signInAs('front_desk');
    const added = await app.inject({
      method: 'POST',
      url: '/api/v1/procedure-types',
      headers: admin.headers,
      payload: { name: 'Dermal filler' },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ name: 'Dermal filler', sections: ['clinical_notes', 'injectables'] });
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/v1/procedure-types',
      headers: admin.headers,
      payload: { name: 'dermal FILLER' },
    });
    expectProblem(duplicate, 409, { code: 'duplicate_name', field: 'name' });
    const byProvider = await app.inject({
      method: 'POST',
      url: '/api/v1/procedure-types',
      headers: provider.headers,
      payload: { name: 'Peel' },
    });
    expect(byProvider.statusCode).toBe(403);
    const listed = await app.inject({ method: 'GET', url: '/api/v1/procedure-types', headers: provider.headers });
    expect(listed.json<{ items: { name: string }[] }>().items.map((type) => type.name)).toEqual(['Dermal filler', 'Neurotoxin']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/procedure-types', headers: frontDesk.headers })).statusCode).toBe(403);
  });

  it('refuse a blank name and an unknown section, naming the field', async () => {
    const setup = await createChartingPractice(app);
    const headers = setup.practice.owner.headers;
    const blank = await app.inject({ method: 'POST', url: '/api/v1/procedure-types', headers, payload: { name: '  ' } });
    expectProblem(blank, 400, { field: 'name' });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/procedure-types',
      headers,
      payload: { name: 'Laser', sections: ['x_ray'] },
    });
    expectProblem(unknown, 400, { field: 'sections[0]' });
  });
});

describe('creating a procedure', () => {
  it('attaches one of the patient’s bookings, once: a second procedure on the booking is a 409', async () => {
    const setup = await createChartingPractice(app);
    const appointmentId = await bookVisit(app, setup, '2026-03-03T15:00:00Z');
    const body = { patientId: setup.patientId, procedureTypeId: setup.procedureType.id, appointmentId };
    const created = await postProcedure(app, setup.practice.owner.headers, body);
    expect(created.statusCode, created.body).toBe(201);
    const procedure = created.json<Procedure>();
    expect(procedure).toMatchObject({
      patient: { id: setup.patientId, firstName: 'Grace' },
      procedureType: { id: setup.procedureType.id },
      appointment: { id: appointmentId, serviceNames: ['Consultation'] },
      signedAt: null,
      injectables: [],
    });
    const again = await postProcedure(app, setup.practice.owner.headers, body);
    expectProblem(again, 409, { code: 'booking_has_procedure', field: 'appointmentId' });
  });

  it('refuses a booking of another patient, an unknown booking and another practice’s booking with a 4xx naming the field', async () => {
    const setup = await createChartingPractice(app);
    const otherPatientId = await createPatient(app, setup, { firstName: 'Ada', lastName: 'Lovelace' });
    const appointmentId = await bookVisit(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const base = { patientId: otherPatientId, procedureTypeId: setup.procedureType.id };
    expectProblem(await postProcedure(app, headers, { ...base, appointmentId }), 400, {
      code: 'booking_of_another_patient',
      field: 'appointmentId',
    });
    expectProblem(await postProcedure(app, headers, { ...base, appointmentId: crypto.randomUUID() }), 404, { field: 'appointmentId' });
    const elsewhere = await createChartingPractice(app);
    const theirs = await bookVisit(app, elsewhere, '2026-03-03T15:00:00Z');
    expectProblem(
      await postProcedure(app, headers, { patientId: setup.patientId, procedureTypeId: setup.procedureType.id, appointmentId: theirs }),
      404,
      { field: 'appointmentId' },
    );
    expectProblem(
      await postProcedure(app, headers, { patientId: setup.patientId, procedureTypeId: elsewhere.procedureType.id, appointmentId }),
      404,
      { field: 'procedureTypeId' },
    );
    expectProblem(await postProcedure(app, headers, { patientId: setup.patientId, procedureTypeId: setup.procedureType.id }), 400, {
      field: 'appointmentId',
    });
    const rows = await inPractice(database, setup.practice.practiceId, (tx) => tx.execute(sql`select count(*)::int as n from procedures`));
    expect(rows.rows[0]).toEqual({ n: 0 });
  });

  it('creates a new booking through the book’s rules: the visit is booked, and a taken time is a 409 with no procedure', async () => {
    const setup = await createChartingPractice(app);
    const headers = setup.practice.owner.headers;
    const newBooking = {
      clinicId: setup.clinic.id,
      serviceId: setup.consultation.id,
      durationMinutes: 30,
      providerId: setup.providerA.id,
      start: '2026-03-03T16:00:00Z',
    };
    const created = await postProcedure(app, headers, { patientId: setup.patientId, procedureTypeId: setup.procedureType.id, newBooking });
    expect(created.statusCode, created.body).toBe(201);
    const procedure = created.json<Procedure>();
    expect(procedure.appointment).toMatchObject({ start: '2026-03-03T16:00:00.000Z', end: '2026-03-03T16:30:00.000Z', status: 'booked' });
    const booked = await app.inject({ method: 'GET', url: `/api/v1/appointments/${procedure.appointment.id}`, headers });
    expect(booked.json()).toMatchObject({ patient: { id: setup.patientId }, providerId: setup.providerA.id });

    const otherPatientId = await createPatient(app, setup, { firstName: 'Ada', lastName: 'Lovelace' });
    const taken = await postProcedure(app, headers, {
      patientId: otherPatientId,
      procedureTypeId: setup.procedureType.id,
      newBooking: { ...newBooking, start: '2026-03-03T16:15:00Z' },
    });
    expect(taken.statusCode, taken.body).toBe(409);
    expect(taken.json<{ field: string }>().field).toMatch(/^newBooking\./);
    const wrongDuration = await postProcedure(app, headers, {
      patientId: otherPatientId,
      procedureTypeId: setup.procedureType.id,
      newBooking: { ...newBooking, start: '2026-03-03T18:00:00Z', durationMinutes: 45 },
    });
    expectProblem(wrongDuration, 400, { code: 'duration_not_offered', field: 'newBooking.durationMinutes' });
    const both = await postProcedure(app, headers, {
      patientId: otherPatientId,
      procedureTypeId: setup.procedureType.id,
      appointmentId: procedure.appointment.id,
      newBooking,
    });
    expectProblem(both, 400, { field: 'newBooking' });
    const counts = await inPractice(database, setup.practice.practiceId, (tx) =>
      tx.execute(
        sql`select (select count(*) from procedures)::int as procedures, (select count(*) from appointments)::int as appointments`,
      ),
    );
    expect(counts.rows[0]).toEqual({ procedures: 1, appointments: 1 });
  });
});

describe('charting and signing', () => {
  it('saves SOAP notes, then signs; after signing an edit and a second signature are 409s', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const notes = { subjective: 'Frown lines', objective: 'Dynamic rhytids', assessment: 'Good candidate', plan: '20 units glabella' };
    const saved = await patchProcedure(app, headers, procedure.id, { notes });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<Procedure>().notes).toEqual(notes);
    const signed = await app.inject({ method: 'POST', url: `/api/v1/procedures/${procedure.id}/sign`, headers, payload: {} });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json<Procedure>()).toMatchObject({ signedBy: { id: setup.practice.owner.id, displayName: 'Test Owner' } });
    expectProblem(await patchProcedure(app, headers, procedure.id, { notes: { ...notes, plan: 'changed' } }), 409, {
      code: 'chart_signed',
    });
    expectProblem(
      await patchProcedure(app, headers, procedure.id, { injectables: [{ lotId: setup.lot.id, units: 2, area: 'Forehead' }] }),
      409,
      { code: 'chart_signed' },
    );
    const again = await app.inject({ method: 'POST', url: `/api/v1/procedures/${procedure.id}/sign`, headers, payload: {} });
    expectProblem(again, 409, { code: 'already_signed' });
    const read = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}`, headers });
    expect(read.json<Procedure>().notes).toEqual(notes);
  });

  it('refuses a direct SQL UPDATE or DELETE of a signed chart and its injectables, for the application role and the owner', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    await patchProcedure(app, headers, procedure.id, { injectables: [{ lotId: setup.lot.id, units: 10, area: 'Glabella' }] });
    await app.inject({ method: 'POST', url: `/api/v1/procedures/${procedure.id}/sign`, headers, payload: {} });
    const { practiceId } = setup.practice;
    const attempts = [
      sql`update procedures set notes = '{"plan":"rewritten"}'::jsonb where id = ${procedure.id}::uuid`,
      sql`update procedures set signed_at = null, signed_by = null where id = ${procedure.id}::uuid`,
      sql`delete from procedure_injectables where procedure_id = ${procedure.id}::uuid`,
      sql`insert into procedure_injectables (practice_id, procedure_id, position, lot_id, units, area)
          values (${practiceId}::uuid, ${procedure.id}::uuid, 2, ${setup.lot.id}::uuid, 5, 'Chin')`,
    ];
    for (const statement of attempts) {
      await expect(inPractice(database, practiceId, (tx) => tx.execute(statement))).rejects.toMatchObject({
        cause: expect.objectContaining({ code: '55000' }),
      });
      await expect(database.db.execute(statement)).rejects.toMatchObject({ cause: expect.objectContaining({ code: '55000' }) });
    }
    const read = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}`, headers });
    expect(read.json<Procedure>()).toMatchObject({ notes: { plan: '' }, injectables: [{ units: 10, area: 'Glabella' }] });
    expect(read.json<Procedure>().signedAt).not.toBeNull();
  });

  it('takes addenda only on a signed chart, each with who and when, in order, from providers who may read the client', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const provider = await setup.practice.signInAs('provider', { displayName: 'Nurse Joy' });
    const headers = setup.practice.owner.headers;
    const url = `/api/v1/procedures/${procedure.id}/addenda`;
    expectProblem(await app.inject({ method: 'POST', url, headers, payload: { text: 'Too early' } }), 409, { code: 'chart_not_signed' });
    await app.inject({ method: 'POST', url: `/api/v1/procedures/${procedure.id}/sign`, headers, payload: {} });
    expectProblem(await app.inject({ method: 'POST', url, headers, payload: { text: ' ' } }), 400, { field: 'text' });
    const first = await app.inject({ method: 'POST', url, headers, payload: { text: 'Patient called: mild bruising.' } });
    expect(first.statusCode, first.body).toBe(201);
    // By default a provider reads only the charts of clients they have appointments with.
    const notTheirs = await app.inject({ method: 'POST', url, headers: provider.headers, payload: { text: 'Reviewed at follow-up.' } });
    expectProblem(notTheirs, 403, { code: 'not_your_client' });
    await setProvidersManageAllAppointments(app, setup.practice, true);
    const second = await app.inject({ method: 'POST', url, headers: provider.headers, payload: { text: 'Reviewed at follow-up.' } });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json<Procedure>().addenda).toMatchObject([
      { text: 'Patient called: mild bruising.', createdBy: { displayName: 'Test Owner' } },
      { text: 'Reviewed at follow-up.', createdBy: { displayName: 'Nurse Joy' } },
    ]);
  });

  it('keeps charts from front desk, audits every chart read, and hides other practices’ charts', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const frontDesk = await setup.practice.signInAs('front_desk');
    const url = `/api/v1/procedures/${procedure.id}`;
    expect((await app.inject({ method: 'GET', url, headers: frontDesk.headers })).statusCode).toBe(403);
    expect((await patchProcedure(app, frontDesk.headers, procedure.id, { notes: { plan: 'x' } })).statusCode).toBe(403);
    expect(
      (await postProcedure(app, frontDesk.headers, { patientId: setup.patientId, procedureTypeId: setup.procedureType.id })).statusCode,
    ).toBe(403);
    const outsider = await createTestPractice(app);
    expectProblem(await app.inject({ method: 'GET', url, headers: outsider.owner.headers }), 404, { field: 'procedureId' });

    await app.inject({ method: 'GET', url, headers: setup.practice.owner.headers });
    await app.inject({ method: 'GET', url, headers: setup.practice.owner.headers });
    const reads = await inPractice(database, setup.practice.practiceId, (tx) =>
      tx.execute(sql`select actor_id from audit_events where action = 'procedure.read' and object_id = ${procedure.id}`),
    );
    expect(reads.rows).toEqual([{ actor_id: setup.practice.owner.id }, { actor_id: setup.practice.owner.id }]);
  });

  it('refuses bad chart input naming the field, and writes nothing', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    expectProblem(
      await patchProcedure(app, headers, procedure.id, { injectables: [{ lotId: setup.lot.id, units: 0, area: 'Lip' }] }),
      400,
      {
        field: 'injectables[0].units',
      },
    );
    expectProblem(await patchProcedure(app, headers, procedure.id, { injectables: [{ lotId: setup.lot.id, units: 2, area: '' }] }), 400, {
      field: 'injectables[0].area',
    });
    expectProblem(await patchProcedure(app, headers, procedure.id, { notes: { plan: 'x' }, extra: 1 }), 400, { field: 'extra' });
    expectProblem(
      await patchProcedure(app, headers, procedure.id, {
        injectables: [
          { lotId: setup.lot.id, units: 2, area: 'Lip' },
          { lotId: crypto.randomUUID(), units: 2, area: 'Chin' },
        ],
      }),
      404,
      { field: 'injectables[1].lotId' },
    );
    expectProblem(await patchProcedure(app, headers, crypto.randomUUID(), { notes: { plan: 'x' } }), 404, { field: 'procedureId' });
    const lots = await app.inject({ method: 'GET', url: '/api/v1/inventory/lots', headers });
    expect(lots.json<{ items: { quantityOnHand: number }[] }>().items[0]?.quantityOnHand).toBe(100);
    const read = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}`, headers });
    expect(read.json<Procedure>()).toMatchObject({ injectables: [], version: 1 });
  });
});

describe('the patient booked on a new booking', () => {
  it('is refused when the patient is unknown, before any booking is made', async () => {
    const setup = await createChartingPractice(app);
    const response = await postProcedure(app, setup.practice.owner.headers, {
      patientId: crypto.randomUUID(),
      procedureTypeId: setup.procedureType.id,
      newBooking: {
        clinicId: setup.clinic.id,
        serviceId: setup.consultation.id,
        providerId: setup.providerA.id,
        start: '2026-03-03T16:00:00Z',
      },
    });
    expectProblem(response, 404, { field: 'patientId' });
    const listed = await book(app, setup, { start: '2026-03-03T16:00:00Z' });
    expect(listed.statusCode).toBe(201);
  });
});
