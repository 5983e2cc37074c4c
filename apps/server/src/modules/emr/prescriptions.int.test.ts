import type { PortalPrescription, Prescription } from '@glowdesk/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inPractice } from '../../platform/tenancy.ts';
import { createManualClock, createTestApp, createTestPractice, setProvidersManageAllAppointments } from '../../testing/test-app.ts';
import { addPatient, auditTrailOf, signInPatient, uniquePhone, type PortalPractice } from '../portal/portal-test-support.ts';
import { createChartingPractice, createPatient, startProcedure } from './emr-test-support.ts';

// Tuesday 3 March 2026, 07:30 in New York.
const { app, database } = await createTestApp({ clock: createManualClock('2026-03-03T12:30:00Z') });

const tretinoin = {
  drug: 'Tretinoin cream',
  strength: '0.025%',
  directions: 'Apply a pea-sized amount to the face at night.',
  quantity: 1,
  refills: 2,
};

function prescribe(headers: Record<string, string>, patientId: string, payload: Record<string, unknown> = tretinoin) {
  return app.inject({ method: 'POST', url: `/api/v1/patients/${patientId}/prescriptions`, headers, payload });
}

function listOf(headers: Record<string, string>, patientId: string, query = '') {
  return app.inject({ method: 'GET', url: `/api/v1/patients/${patientId}/prescriptions${query}`, headers });
}

function discontinue(headers: Record<string, string>, prescriptionId: string, reason = 'Course finished.') {
  return app.inject({ method: 'POST', url: `/api/v1/prescriptions/${prescriptionId}/discontinue`, headers, payload: { reason } });
}

describe('recording prescriptions', () => {
  it('makes the recording staff member the prescriber and dates it on the practice’s today by default', async () => {
    const setup = await createChartingPractice(app);
    const provider = await setup.practice.signInAs('provider', { displayName: 'Dr. Ada Lane' });
    const admin = await setup.practice.signInAs('admin');
    await setProvidersManageAllAppointments(app, setup.practice, true);
    const byProvider = await prescribe(provider.headers, setup.patientId);
    expect(byProvider.statusCode, byProvider.body).toBe(201);
    expect(byProvider.json<Prescription>()).toMatchObject({
      ...tretinoin,
      patientId: setup.patientId,
      procedureId: null,
      prescribedOn: '2026-03-03',
      prescriber: { id: provider.id, displayName: 'Dr. Ada Lane' },
      status: 'active',
      discontinuedAt: null,
    });
    const byAdmin = await prescribe(admin.headers, setup.patientId, { ...tretinoin, drug: 'Valacyclovir', prescribedOn: '2026-03-01' });
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
    expect(byAdmin.json<Prescription>().prescriber.id).toBe(admin.id);
    const listed = await listOf(setup.practice.owner.headers, setup.patientId);
    expect(listed.json<{ items: Prescription[] }>().items.map((item) => item.drug)).toEqual(['Tretinoin cream', 'Valacyclovir']);
  });

  it('refuses the front desk every prescription route', async () => {
    const setup = await createChartingPractice(app);
    const frontDesk = await setup.practice.signInAs('front_desk');
    const recorded = (await prescribe(setup.practice.owner.headers, setup.patientId)).json<Prescription>();
    expect((await prescribe(frontDesk.headers, setup.patientId)).statusCode).toBe(403);
    expect((await listOf(frontDesk.headers, setup.patientId)).statusCode).toBe(403);
    expect((await discontinue(frontDesk.headers, recorded.id)).statusCode).toBe(403);
  });

  it('names the field at fault: quantity 1–9999, refills 0–12, a date not later than today, the drug', async () => {
    const setup = await createChartingPractice(app);
    const headers = setup.practice.owner.headers;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...tretinoin, quantity: 0 }, 'quantity'],
      [{ ...tretinoin, quantity: 10_000 }, 'quantity'],
      [{ ...tretinoin, quantity: 1.5 }, 'quantity'],
      [{ ...tretinoin, refills: -1 }, 'refills'],
      [{ ...tretinoin, refills: 13 }, 'refills'],
      [{ ...tretinoin, drug: '  ' }, 'drug'],
      [{ ...tretinoin, directions: '' }, 'directions'],
      [{ ...tretinoin, prescribedOn: '2026-3-1' }, 'prescribedOn'],
      [{ ...tretinoin, prescribedOn: '2026-03-04' }, 'prescribedOn'],
    ];
    for (const [payload, field] of cases) {
      const response = await prescribe(headers, setup.patientId, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json<{ field?: string }>().field, JSON.stringify(payload)).toBe(field);
    }
    expect((await prescribe(headers, setup.patientId, { ...tretinoin, quantity: 9999, refills: 12 })).statusCode).toBe(201);
    expect((await listOf(headers, setup.patientId)).json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('links one of the client’s own charts, and lists the prescriptions written on it', async () => {
    const setup = await createChartingPractice(app);
    const headers = setup.practice.owner.headers;
    const chart = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const linked = await prescribe(headers, setup.patientId, { ...tretinoin, drug: 'Valacyclovir', procedureId: chart.id });
    expect(linked.statusCode, linked.body).toBe(201);
    await prescribe(headers, setup.patientId);
    const onChart = await listOf(headers, setup.patientId, `?procedureId=${chart.id}`);
    expect(onChart.json<{ items: Prescription[] }>().items.map((item) => item.drug)).toEqual(['Valacyclovir']);

    const otherPatientId = await createPatient(app, setup, { firstName: 'Alan', lastName: 'Turing' });
    const crossed = await prescribe(headers, otherPatientId, { ...tretinoin, procedureId: chart.id });
    expect(crossed.statusCode).toBe(400);
    expect(crossed.json()).toMatchObject({ field: 'procedureId', code: 'procedure_of_another_patient' });
    const unknown = await prescribe(headers, setup.patientId, { ...tretinoin, procedureId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ field: 'procedureId' });
  });

  it("answers 404 for another practice's client, chart or prescription", async () => {
    const setup = await createChartingPractice(app);
    const other = await createTestPractice(app);
    const recorded = (await prescribe(setup.practice.owner.headers, setup.patientId)).json<Prescription>();
    expect((await prescribe(other.owner.headers, setup.patientId)).statusCode).toBe(404);
    expect((await listOf(other.owner.headers, setup.patientId)).statusCode).toBe(404);
    expect((await discontinue(other.owner.headers, recorded.id)).statusCode).toBe(404);
    const chart = await startProcedure(app, setup, '2026-03-03T16:00:00Z');
    const otherPatient = await addPatient(app, other, { firstName: 'Mae', lastName: 'Jemison' });
    const foreignChart = await prescribe(other.owner.headers, otherPatient, { ...tretinoin, procedureId: chart.id });
    expect(foreignChart.statusCode).toBe(404);
  });

  it("refuses a provider limited to their own clients another provider's client", async () => {
    const setup = await createChartingPractice(app);
    const provider = await setup.practice.signInAs('provider');
    const response = await prescribe(provider.headers, setup.patientId);
    // The practice limits providers by default; Grace has no appointment with this provider.
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'not_your_client' });
  });
});

describe('discontinuing prescriptions', () => {
  it('keeps the prescription in the history with who, when and why; a second discontinue is a 409', async () => {
    const setup = await createChartingPractice(app);
    const headers = setup.practice.owner.headers;
    const recorded = (await prescribe(headers, setup.patientId)).json<Prescription>();
    const stopped = await discontinue(headers, recorded.id, 'Irritation; switching to adapalene.');
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json<Prescription>()).toMatchObject({
      status: 'discontinued',
      discontinuedAt: '2026-03-03T12:30:00.000Z',
      discontinuedBy: { id: setup.practice.owner.id },
      discontinuedReason: 'Irritation; switching to adapalene.',
      drug: 'Tretinoin cream',
    });
    const again = await discontinue(headers, recorded.id);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'prescription_discontinued', field: 'prescriptionId' });
    expect((await listOf(headers, setup.patientId)).json<{ items: Prescription[] }>().items).toEqual([stopped.json()]);
    const blank = await discontinue(headers, (await prescribe(headers, setup.patientId)).json<Prescription>().id, ' ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ field: 'reason' });
  });

  it('are never edited or deleted in the database, whoever asks', async () => {
    const setup = await createChartingPractice(app);
    const recorded = (await prescribe(setup.practice.owner.headers, setup.patientId)).json<Prescription>();
    const { practiceId } = setup.practice;
    await expect(
      inPractice(database, practiceId, (tx) => tx.execute(sql`update prescriptions set quantity = 5 where id = ${recorded.id}`)),
    ).rejects.toMatchObject({ cause: { code: '55000' } });
    await expect(database.db.execute(sql`delete from prescriptions where id = ${recorded.id}`)).rejects.toMatchObject({
      cause: { code: '55000' },
    });
    await discontinue(setup.practice.owner.headers, recorded.id);
    await expect(
      database.db.execute(sql`update prescriptions set discontinued_reason = 'changed' where id = ${recorded.id}`),
    ).rejects.toMatchObject({ cause: { code: '55000' } });
  });
});

describe('auditing prescriptions', () => {
  it('writes an audit entry for every read, record and discontinue', async () => {
    const setup = await createChartingPractice(app);
    const headers = setup.practice.owner.headers;
    const recorded = (await prescribe(headers, setup.patientId)).json<Prescription>();
    await listOf(headers, setup.patientId);
    await discontinue(headers, recorded.id);
    const trail = (await auditTrailOf(database, setup.practice.practiceId)).filter((row) => row.action.startsWith('prescription.'));
    expect(trail.map((row) => [row.action, row.objectId])).toEqual([
      ['prescription.create', recorded.id],
      ['prescription.list', setup.patientId],
      ['prescription.discontinue', recorded.id],
    ]);
  });
});

describe("the portal's prescriptions", () => {
  async function portalWithTwoPatients() {
    const setup = await createChartingPractice(app);
    const slug = `rx-${setup.practice.practiceId.slice(0, 8)}`;
    const slugged = await app.inject({
      method: 'PATCH',
      url: '/api/v1/practice-settings',
      headers: setup.practice.owner.headers,
      payload: { slug },
    });
    expect(slugged.statusCode).toBe(200);
    const portal: PortalPractice = { ...setup.practice, slug };
    const phone = uniquePhone();
    const rosa = await addPatient(app, setup.practice, { firstName: 'Rosa', lastName: 'Diaz', phone });
    return { setup, portal, phone, rosa };
  }

  it('shows the patient only their own prescriptions, read-only, with the status and the prescriber', async () => {
    const { setup, portal, phone, rosa } = await portalWithTwoPatients();
    const headers = setup.practice.owner.headers;
    const own = (await prescribe(headers, rosa, { ...tretinoin, drug: 'Valacyclovir', strength: '500 mg' })).json<Prescription>();
    await prescribe(headers, rosa);
    await discontinue(headers, own.id, 'Laser series finished.');
    await prescribe(headers, setup.patientId, { ...tretinoin, drug: 'Doxycycline' });

    const { cookie } = await signInPatient(app, portal, { channel: 'sms', phone });
    const response = await app.inject({ method: 'GET', url: '/api/v1/portal/prescriptions', headers: { cookie } });
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json<{ items: PortalPrescription[] }>().items;
    expect(items.map((item) => [item.drug, item.status])).toEqual([
      ['Tretinoin cream', 'active'],
      ['Valacyclovir', 'discontinued'],
    ]);
    expect(items[0]).toMatchObject({ prescriberName: 'Test Owner', quantity: 1, refills: 2, prescribedOn: '2026-03-03' });
    expect(items[1]).not.toHaveProperty('discontinuedReason');

    const write = await app.inject({ method: 'POST', url: '/api/v1/portal/prescriptions', headers: { cookie }, payload: tretinoin });
    expect(write.statusCode).toBe(404);
    const staffRoute = await listOf({ cookie }, rosa);
    expect(staffRoute.statusCode).toBe(401);
    const withStaffCookie = await app.inject({ method: 'GET', url: '/api/v1/portal/prescriptions', headers });
    expect(withStaffCookie.statusCode).toBe(401);

    const trail = await auditTrailOf(database, setup.practice.practiceId);
    expect(trail.filter((row) => row.action === 'prescription.list' && row.actorType === 'patient')).toEqual([
      expect.objectContaining({ actorId: rosa, objectId: rosa }),
    ]);
  });
});
