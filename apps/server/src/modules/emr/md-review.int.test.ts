import type { CosignResponse, MdReviewItem, Procedure } from '@glowdesk/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inPractice } from '../../platform/tenancy.ts';
import {
  createManualClock,
  createTestApp,
  createTestPractice,
  setProvidersManageAllAppointments,
  type SignedInStaff,
} from '../../testing/test-app.ts';
import { auditTrailOf } from '../portal/portal-test-support.ts';
import { createChartingPractice, startProcedure, type ChartingPractice } from './emr-test-support.ts';

// Tuesday 3 March 2026, 07:30 in New York.
const { app, database } = await createTestApp({ clock: createManualClock('2026-03-03T12:30:00Z') });

async function setStaff(setup: ChartingPractice, staffId: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'PATCH', url: `/api/v1/staff/${staffId}`, headers: setup.practice.owner.headers, payload });
}

/** A charting practice that requires co-signature, with a provider medical director. */
async function createCosigningPractice(): Promise<ChartingPractice & { director: SignedInStaff }> {
  const setup = await createChartingPractice(app);
  const director = await setup.practice.signInAs('provider', { displayName: 'Dr. Maya Ortiz' });
  expect((await setStaff(setup, director.id, { medicalDirector: true })).statusCode).toBe(200);
  const settings = await app.inject({
    method: 'PATCH',
    url: '/api/v1/practice-settings',
    headers: setup.practice.owner.headers,
    payload: { requireMdCosignature: true },
  });
  expect(settings.statusCode, settings.body).toBe(200);
  expect(settings.json()).toMatchObject({ requireMdCosignature: true });
  // The director, a provider, signs charts of clients booked with another provider.
  await setProvidersManageAllAppointments(app, setup.practice, true);
  return { ...setup, director };
}

let hour = 0;
/** A chart started (by the owner) on a new booking and signed by `signer`. */
async function signedChart(setup: ChartingPractice, signer: SignedInStaff): Promise<Procedure> {
  hour += 1;
  // Whole hours 14:00–21:00 UTC (09:00–16:00 in New York), a new day every eight charts.
  const start = new Date(Date.parse('2026-03-04T14:00:00Z') + Math.floor(hour / 8) * 86_400_000 + (hour % 8) * 3_600_000).toISOString();
  const chart = await startProcedure(app, setup, start);
  const signed = await app.inject({ method: 'POST', url: `/api/v1/procedures/${chart.id}/sign`, headers: signer.headers, payload: {} });
  expect(signed.statusCode, signed.body).toBe(200);
  return signed.json<Procedure>();
}

const queue = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/v1/emr/md-review', headers });
const cosign = (headers: Record<string, string>, procedureIds: string[]) =>
  app.inject({ method: 'POST', url: '/api/v1/emr/md-review/cosign', headers, payload: { procedureIds } });

describe('medical director co-signature', () => {
  it("puts a provider's signed chart in the MD Review queue, locked and awaiting co-signature; the director's own chart needs none", async () => {
    const setup = await createCosigningPractice();
    const byOwner = await signedChart(setup, setup.practice.owner);
    expect(byOwner.cosignature).toEqual({ required: true, cosignedAt: null, cosignedBy: null });
    const byDirector = await signedChart(setup, setup.director);
    expect(byDirector.cosignature).toEqual({ required: false, cosignedAt: null, cosignedBy: null });
    const listed = await queue(setup.director.headers);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json<{ items: MdReviewItem[] }>().items).toEqual([
      expect.objectContaining({
        procedureId: byOwner.id,
        patient: expect.objectContaining({ firstName: 'Grace', lastName: 'Hopper' }),
        procedureTypeName: 'Neurotoxin',
        signedBy: { id: setup.practice.owner.id, displayName: 'Test Owner' },
      }),
    ]);
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/procedures/${byOwner.id}`,
      headers: setup.practice.owner.headers,
      payload: { notes: { subjective: 'late', objective: '', assessment: '', plan: '' } },
    });
    expect(edit.statusCode).toBe(409);
  });

  it('needs no co-signature while the practice does not require it', async () => {
    const setup = await createChartingPractice(app);
    const director = await setup.practice.signInAs('provider');
    await setStaff(setup, director.id, { medicalDirector: true });
    const chart = await signedChart(setup, setup.practice.owner);
    expect(chart.cosignature.required).toBe(false);
    expect((await queue(director.headers)).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('co-signs many charts in one request, with who and when on each chart, audited', async () => {
    const setup = await createCosigningPractice();
    const charts: Procedure[] = [];
    for (let index = 0; index < 12; index += 1) charts.push(await signedChart(setup, setup.practice.owner));
    const response = await cosign(
      setup.director.headers,
      charts.map((chart) => chart.id),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<CosignResponse>()).toEqual({
      cosignedAt: '2026-03-03T12:30:00.000Z',
      items: charts.map((chart) => ({ procedureId: chart.id })),
    });
    expect((await queue(setup.director.headers)).json<{ items: unknown[] }>().items).toEqual([]);
    const opened = await app.inject({
      method: 'GET',
      url: `/api/v1/procedures/${charts[3]?.id ?? ''}`,
      headers: setup.practice.owner.headers,
    });
    expect(opened.json<Procedure>().cosignature).toEqual({
      required: true,
      cosignedAt: '2026-03-03T12:30:00.000Z',
      cosignedBy: { id: setup.director.id, displayName: 'Dr. Maya Ortiz' },
    });
    const trail = await auditTrailOf(database, setup.practice.practiceId);
    expect(
      trail
        .filter((row) => row.action === 'procedure.cosign')
        .map((row) => row.objectId)
        .sort(),
    ).toEqual(charts.map((chart) => chart.id).sort());
    expect(trail.find((row) => row.action === 'procedure.md_review.list')?.actorId).toBe(setup.director.id);
  });

  it('co-signs all or nothing: a chart already co-signed is a 409 and an unknown or foreign one a 404, naming the index', async () => {
    const setup = await createCosigningPractice();
    const [first, second, third] = [
      await signedChart(setup, setup.practice.owner),
      await signedChart(setup, setup.practice.owner),
      await signedChart(setup, setup.practice.owner),
    ];
    if (!first || !second || !third) throw new Error('charts missing');
    expect((await cosign(setup.director.headers, [first.id])).statusCode).toBe(200);
    const again = await cosign(setup.director.headers, [second.id, first.id]);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'not_awaiting_cosignature', field: 'procedureIds[1]' });

    const other = await createChartingPractice(app);
    const foreign = await startProcedure(app, other, '2026-03-05T15:00:00Z');
    const crossed = await cosign(setup.director.headers, [third.id, foreign.id]);
    expect(crossed.statusCode).toBe(404);
    expect(crossed.json()).toMatchObject({ field: 'procedureIds[1]' });

    const unsigned = await startProcedure(app, setup, '2026-03-05T16:00:00Z');
    const notSigned = await cosign(setup.director.headers, [unsigned.id]);
    expect(notSigned.statusCode).toBe(409);
    // Nothing of the refused requests was kept.
    const waiting = (await queue(setup.director.headers)).json<{ items: MdReviewItem[] }>().items.map((item) => item.procedureId);
    expect(waiting.sort()).toEqual([second.id, third.id].sort());
    const duplicate = await cosign(setup.director.headers, [second.id, second.id]);
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json()).toMatchObject({ field: 'procedureIds' });
    expect((await cosign(setup.director.headers, [])).statusCode).toBe(400);
  });

  it('refuses staff who are not medical directors (403) and the front desk, and another practice sees none of the queue', async () => {
    const setup = await createCosigningPractice();
    const chart = await signedChart(setup, setup.practice.owner);
    const provider = await setup.practice.signInAs('provider');
    const frontDesk = await setup.practice.signInAs('front_desk');
    for (const headers of [setup.practice.owner.headers, provider.headers]) {
      const listed = await queue(headers);
      expect(listed.statusCode).toBe(403);
      expect(listed.json()).toMatchObject({ code: 'medical_director_required' });
      expect((await cosign(headers, [chart.id])).statusCode).toBe(403);
    }
    expect((await queue(frontDesk.headers)).statusCode).toBe(403);
    expect((await cosign(frontDesk.headers, [chart.id])).statusCode).toBe(403);

    const other = await createTestPractice(app);
    const otherDirector = await other.signInAs('admin');
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${otherDirector.id}`,
      headers: other.owner.headers,
      payload: { medicalDirector: true },
    });
    expect((await queue(otherDirector.headers)).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await cosign(otherDirector.headers, [chart.id])).statusCode).toBe(404);
  });

  it('keeps the lock: only the co-signature columns may change on a signed chart, once, and nothing after co-signature', async () => {
    const setup = await createCosigningPractice();
    const chart = await signedChart(setup, setup.practice.owner);
    const { practiceId } = setup.practice;
    const run = (statement: ReturnType<typeof sql>) => inPractice(database, practiceId, (tx) => tx.execute(statement));
    await expect(
      run(
        sql`update procedures set notes = '{"plan":"changed"}'::jsonb, cosigned_at = now(), cosigned_by = ${setup.director.id} where id = ${chart.id}`,
      ),
    ).rejects.toMatchObject({ cause: { code: '55000' } });
    await expect(run(sql`update procedures set cosignature_required = false where id = ${chart.id}`)).rejects.toMatchObject({
      cause: { code: '55000' },
    });
    expect((await cosign(setup.director.headers, [chart.id])).statusCode).toBe(200);
    await expect(run(sql`update procedures set cosigned_at = now() where id = ${chart.id}`)).rejects.toMatchObject({
      cause: { code: '55000' },
    });
    await expect(run(sql`update procedures set notes = '{}'::jsonb where id = ${chart.id}`)).rejects.toMatchObject({
      cause: { code: '55000' },
    });
    await expect(database.db.execute(sql`delete from procedures where id = ${chart.id}`)).rejects.toMatchObject({
      cause: { code: '55000' },
    });
  });

  it('lets owners and admins set who is a medical director, never a front desk account, and the setting', async () => {
    const setup = await createChartingPractice(app);
    const admin = await setup.practice.signInAs('admin');
    const provider = await setup.practice.signInAs('provider');
    const frontDesk = await setup.practice.signInAs('front_desk');
    const flagged = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${provider.id}`,
      headers: admin.headers,
      payload: { medicalDirector: true },
    });
    expect(flagged.statusCode, flagged.body).toBe(200);
    expect(flagged.json()).toMatchObject({ medicalDirector: true });
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: provider.headers });
    expect(me.json()).toMatchObject({ staff: { medicalDirector: true } });
    const deskFlag = await setStaff(setup, frontDesk.id, { medicalDirector: true });
    expect(deskFlag.statusCode).toBe(400);
    expect(deskFlag.json()).toMatchObject({ field: 'medicalDirector', code: 'medical_director_needs_clinical_role' });
    const demoted = await setStaff(setup, provider.id, { role: 'front_desk' });
    expect(demoted.statusCode).toBe(400);
    expect(demoted.json()).toMatchObject({ field: 'role' });
    const byProvider = await app.inject({
      method: 'PATCH',
      url: '/api/v1/practice-settings',
      headers: provider.headers,
      payload: { requireMdCosignature: true },
    });
    expect(byProvider.statusCode).toBe(403);
    const byAdmin = await app.inject({
      method: 'PATCH',
      url: '/api/v1/practice-settings',
      headers: admin.headers,
      payload: { requireMdCosignature: true },
    });
    expect(byAdmin.json()).toMatchObject({ requireMdCosignature: true });
  });
});
