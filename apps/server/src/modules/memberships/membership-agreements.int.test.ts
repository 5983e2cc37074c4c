import type { MembershipAgreement } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { addCard } from '../billing/billing-test-support.ts';
import { createConsent } from '../paperwork/paperwork-test-builders.ts';
import { addPatient, createPortalPractice, signInPatient, uniquePatientEmail } from '../portal/portal-test-support.ts';
import { createClinic } from '../practice/practice-test-builders.ts';
import { createSalesTestApp } from '../sales/sales-test-support.ts';
import { createMembershipPractice, createPlan, enrol, type MembershipPractice } from './memberships-test-support.ts';

const { app } = await createSalesTestApp();

/** A 1×1 PNG, as a signature pad's toDataURL gives one. */
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function planWithAgreement(setup: MembershipPractice, overrides: Record<string, unknown> = {}) {
  const template = await createConsent(app, setup.practice, {
    name: 'Glow Club membership agreement',
    body: 'I agree to be charged on my draw day each month until I cancel. Cancelling refunds nothing.',
  });
  const plan = await createPlan(app, setup, { agreementTemplateId: template.id, ...overrides });
  return { template, plan };
}

function agreementRequest(setup: MembershipPractice, method: 'GET' | 'POST', planId: string, patientId = setup.patientId) {
  return method === 'GET'
    ? app.inject({
        method,
        url: `/api/v1/patients/${patientId}/membership-agreement?planId=${planId}`,
        headers: setup.practice.owner.headers,
      })
    : app.inject({
        method,
        url: `/api/v1/patients/${patientId}/membership-agreement`,
        headers: setup.practice.owner.headers,
        payload: { planId },
      });
}

function signOnTheSpot(setup: MembershipPractice, planId: string, assignmentId: string, patientId = setup.patientId) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/patients/${patientId}/membership-agreement/sign`,
    headers: setup.practice.owner.headers,
    payload: { planId, assignmentId, signature: SIGNATURE, typedName: 'Ines Moreau' },
  });
}

function putTemplate(setup: MembershipPractice, templateId: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'PUT', url: `/api/v1/paperwork-templates/${templateId}`, headers: setup.practice.owner.headers, payload });
}

function patchPlan(setup: MembershipPractice, planId: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'PATCH', url: `/api/v1/membership-plans/${planId}`, headers: setup.practice.owner.headers, payload });
}

async function membersOf(setup: MembershipPractice, patientId = setup.patientId) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/memberships?patientId=${patientId}`,
    headers: setup.practice.owner.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: { id: string; status: string }[] }>().items;
}

describe('the agreement signed within enrolment by staff', () => {
  it('refuses to enrol without a signed agreement, signs it on the spot, and enrols with it', async () => {
    const setup = await createMembershipPractice(app);
    const { plan } = await planWithAgreement(setup);

    const without = await enrol(app, setup, { planId: plan.id });
    expect(without.statusCode).toBe(400);
    expect(without.json()).toMatchObject({ field: 'agreementAssignmentId', code: 'agreement_required' });
    expect((await agreementRequest(setup, 'GET', plan.id)).json()).toEqual({ agreement: null });

    const prepared = await agreementRequest(setup, 'POST', plan.id);
    expect(prepared.statusCode, prepared.body).toBe(200);
    const agreement = prepared.json<MembershipAgreement>();
    expect(agreement).toMatchObject({
      planId: plan.id,
      name: 'Glow Club membership agreement',
      status: 'not_signed',
      signedAt: null,
      body: expect.stringContaining('Cancelling refunds nothing') as unknown,
    });
    // Preparing again (a second click, another desk) finds the same copy.
    expect((await agreementRequest(setup, 'POST', plan.id)).json<MembershipAgreement>().assignmentId).toBe(agreement.assignmentId);

    const unsigned = await enrol(app, setup, { planId: plan.id, agreementAssignmentId: agreement.assignmentId });
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.json()).toMatchObject({ field: 'agreementAssignmentId', code: 'agreement_not_signed' });

    const signed = await signOnTheSpot(setup, plan.id, agreement.assignmentId);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ assignmentId: agreement.assignmentId, status: 'signed', signerName: 'Ines Moreau' });
    const again = await signOnTheSpot(setup, plan.id, agreement.assignmentId);
    expect(again.statusCode).toBe(409);

    const enrolled = await enrol(app, setup, { planId: plan.id, agreementAssignmentId: agreement.assignmentId });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    expect(enrolled.json()).toMatchObject({ status: 'active' });
    // The copy now rests under that membership: nothing left to reuse.
    expect((await agreementRequest(setup, 'GET', plan.id)).json()).toEqual({ agreement: null });
  });

  it('keeps the signed agreement after a declined card (nothing enrolled) and reuses it for the retry, never for a second membership', async () => {
    const setup = await createMembershipPractice(app);
    const { template, plan } = await planWithAgreement(setup);
    const agreement = (await agreementRequest(setup, 'POST', plan.id)).json<MembershipAgreement>();
    expect((await signOnTheSpot(setup, plan.id, agreement.assignmentId)).statusCode).toBe(200);

    const declined = await enrol(app, setup, {
      planId: plan.id,
      paymentMethodId: setup.declining.id,
      agreementAssignmentId: agreement.assignmentId,
    });
    expect(declined.statusCode, declined.body).toBe(402);
    expect(await membersOf(setup)).toEqual([]);
    const kept = (await agreementRequest(setup, 'GET', plan.id)).json<{ agreement: MembershipAgreement }>().agreement;
    expect(kept).toMatchObject({ assignmentId: agreement.assignmentId, status: 'signed' });
    // Preparing finds the signed copy: the patient does not sign twice.
    expect((await agreementRequest(setup, 'POST', plan.id)).json<MembershipAgreement>()).toMatchObject({
      assignmentId: agreement.assignmentId,
      status: 'signed',
    });

    const retried = await enrol(app, setup, { planId: plan.id, agreementAssignmentId: agreement.assignmentId });
    expect(retried.statusCode, retried.body).toBe(201);
    expect((await membersOf(setup)).map((member) => member.status)).toEqual(['active']);

    // Another plan with the same agreement needs its own signed copy.
    const other = await createPlan(app, setup, { agreementTemplateId: template.id });
    const reused = await enrol(app, setup, { planId: other.id, agreementAssignmentId: agreement.assignmentId });
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ field: 'agreementAssignmentId', code: 'agreement_in_use' });
    const fresh = (await agreementRequest(setup, 'POST', other.id)).json<MembershipAgreement>();
    expect(fresh.assignmentId).not.toBe(agreement.assignmentId);
    expect(fresh.status).toBe('not_signed');
  });

  it('refuses a consent that needs a witness as a plan’s agreement, when the plan is created and when it is edited', async () => {
    const setup = await createMembershipPractice(app);
    const witnessed = await createConsent(app, setup.practice, { requiresWitnessSignature: true });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/membership-plans',
      headers: setup.practice.owner.headers,
      payload: {
        name: 'Witnessed Club',
        monthlyPriceCents: 9_900,
        clinicIds: [setup.clinic.id],
        soldOnline: true,
        agreementTemplateId: witnessed.id,
      },
    });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.json()).toMatchObject({ field: 'agreementTemplateId', code: 'agreement_requires_witness' });
    const { plan } = await planWithAgreement(setup);
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/v1/membership-plans/${plan.id}`,
      headers: setup.practice.owner.headers,
      payload: { agreementTemplateId: witnessed.id },
    });
    expect(edited.statusCode, edited.body).toBe(400);
    expect(edited.json()).toMatchObject({ field: 'agreementTemplateId', code: 'agreement_requires_witness' });
    const plans = await app.inject({ method: 'GET', url: '/api/v1/membership-plans', headers: setup.practice.owner.headers });
    expect(plans.json<{ items: { name: string }[] }>().items.map((item) => item.name)).not.toContain('Witnessed Club');
  });

  it('refuses a witness requirement on a consent that active plans use as their agreement, naming the plans, and changes nothing', async () => {
    const setup = await createMembershipPractice(app);
    const { template } = await planWithAgreement(setup, { name: 'Glow Club' });
    await createPlan(app, setup, { name: 'Annual Glow', agreementTemplateId: template.id });
    const consent = { kind: 'consent', name: template.name, body: 'I agree to be charged on my draw day each month until I cancel.' };

    const response = await putTemplate(setup, template.id, { ...consent, requiresWitnessSignature: true });

    expect(response.statusCode, response.body).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      code: 'template_used_by_membership_plan',
      field: 'requiresWitnessSignature',
      planNames: ['Annual Glow', 'Glow Club'],
    });
    expect(response.json<{ detail: string }>().detail).toContain('“Annual Glow”, “Glow Club”');
    const kept = await app.inject({
      method: 'GET',
      url: `/api/v1/paperwork-templates/${template.id}`,
      headers: setup.practice.owner.headers,
    });
    expect(kept.json()).toMatchObject({ version: 1, requiresWitnessSignature: false });
    // Wording without a witness still changes.
    expect((await putTemplate(setup, template.id, consent)).statusCode).toBe(200);
  });

  it('lets a consent that only a deactivated plan uses require a witness, and then refuses to sell that plan again', async () => {
    const setup = await createMembershipPractice(app);
    const { template, plan } = await planWithAgreement(setup);
    expect((await patchPlan(setup, plan.id, { active: false })).statusCode).toBe(200);

    const witnessed = await putTemplate(setup, template.id, {
      kind: 'consent',
      name: template.name,
      body: 'I agree to be charged on my draw day each month until I cancel.',
      requiresWitnessSignature: true,
    });

    expect(witnessed.statusCode, witnessed.body).toBe(200);
    const reactivated = await patchPlan(setup, plan.id, { active: true });
    expect(reactivated.statusCode, reactivated.body).toBe(400);
    expect(reactivated.json()).toMatchObject({ field: 'agreementTemplateId', code: 'agreement_requires_witness' });
  });

  it("refuses another client's agreement, a plan without one, and a signature that is not a PNG, writing nothing", async () => {
    const setup = await createMembershipPractice(app);
    const { plan } = await planWithAgreement(setup);
    const otherPatientId = (await createMembershipPractice(app)).patientId;
    const neighbour = await addPatient(app, setup.practice, { firstName: 'Noor', lastName: 'Haddad' });
    const theirs = (await agreementRequest(setup, 'POST', plan.id, neighbour)).json<MembershipAgreement>();
    expect((await signOnTheSpot(setup, plan.id, theirs.assignmentId, neighbour)).statusCode).toBe(200);

    const borrowed = await enrol(app, setup, { planId: plan.id, agreementAssignmentId: theirs.assignmentId });
    expect(borrowed.statusCode).toBe(404);
    expect(borrowed.json()).toMatchObject({ field: 'agreementAssignmentId' });
    const signForOther = await signOnTheSpot(setup, plan.id, theirs.assignmentId);
    expect(signForOther.statusCode).toBe(404);
    expect((await agreementRequest(setup, 'POST', plan.id, otherPatientId)).statusCode).toBe(404);

    const plain = await createPlan(app, setup);
    const none = await agreementRequest(setup, 'POST', plain.id);
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ field: 'planId', code: 'plan_has_no_agreement' });

    const mine = (await agreementRequest(setup, 'POST', plan.id)).json<MembershipAgreement>();
    const notPng = await app.inject({
      method: 'POST',
      url: `/api/v1/patients/${setup.patientId}/membership-agreement/sign`,
      headers: setup.practice.owner.headers,
      payload: {
        planId: plan.id,
        assignmentId: mine.assignmentId,
        signature: `data:image/png;base64,${Buffer.from('not a png').toString('base64')}`,
        typedName: 'Ines Moreau',
      },
    });
    expect(notPng.statusCode).toBe(400);
    expect(notPng.json()).toMatchObject({ field: 'signature' });
    expect((await agreementRequest(setup, 'GET', plan.id)).json()).toMatchObject({ agreement: { status: 'not_signed' } });
  });
});

describe('the agreement in the portal', () => {
  async function portalSetup() {
    const practice = await createPortalPractice(app);
    const clinic = await createClinic(app, practice);
    const email = uniquePatientEmail();
    const patientId = await addPatient(app, practice, { firstName: 'Ines', lastName: 'Moreau', email });
    const card = await addCard(app, practice, patientId, 'pm_card_visa');
    const template = await createConsent(app, practice, { name: 'Online membership agreement' });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/membership-plans',
      headers: practice.owner.headers,
      payload: {
        name: 'Glow Online',
        monthlyPriceCents: 7_900,
        clinicIds: [clinic.id],
        soldOnline: true,
        agreementTemplateId: template.id,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { cookie } = await signInPatient(app, practice, { channel: 'email', email });
    return { practice, patientId, card, planId: created.json<{ id: string }>().id, headers: { cookie } };
  }

  it('reads and signs the agreement as a step of Become A Member, then enrols', async () => {
    const { card, planId, headers } = await portalSetup();
    const opened = await app.inject({ method: 'POST', url: '/api/v1/portal/membership-agreement', headers, payload: { planId } });
    expect(opened.statusCode, opened.body).toBe(200);
    const agreement = opened.json<MembershipAgreement>();
    expect(agreement).toMatchObject({ name: 'Online membership agreement', status: 'not_signed' });

    const early = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/memberships',
      headers,
      payload: { planId, interval: 'month', drawDay: 1, paymentMethodId: card.id, agreementAssignmentId: agreement.assignmentId },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ code: 'agreement_not_signed' });

    const signed = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/membership-agreement/sign',
      headers,
      payload: { planId, assignmentId: agreement.assignmentId, signature: SIGNATURE, typedName: 'Ines Moreau' },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', signerName: 'Ines Moreau' });

    const enrolled = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/memberships',
      headers,
      payload: { planId, interval: 'month', drawDay: 1, paymentMethodId: card.id, agreementAssignmentId: agreement.assignmentId },
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    expect(enrolled.json()).toMatchObject({ status: 'active', planName: 'Glow Online' });

    // The agreement is not a visit's form: the Paperwork page lists it nowhere and still answers.
    const paperwork = await app.inject({ method: 'GET', url: '/api/v1/portal/paperwork', headers });
    expect(paperwork.statusCode, paperwork.body).toBe(200);
    expect(paperwork.json()).toMatchObject({ consents: [] });
  });

  it('finds the agreement staff sent to the portal; once the patient signs it, staff complete the enrolment', async () => {
    const { practice, patientId, card, planId, headers } = await portalSetup();
    const sent = await app.inject({
      method: 'POST',
      url: `/api/v1/patients/${patientId}/membership-agreement`,
      headers: practice.owner.headers,
      payload: { planId },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const { assignmentId } = sent.json<MembershipAgreement>();

    const waiting = await app.inject({ method: 'GET', url: `/api/v1/portal/membership-agreement?planId=${planId}`, headers });
    expect(waiting.json()).toMatchObject({ agreement: { assignmentId, status: 'not_signed' } });
    const signed = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/membership-agreement/sign',
      headers,
      payload: { planId, assignmentId, signature: SIGNATURE, typedName: 'Ines Moreau' },
    });
    expect(signed.statusCode, signed.body).toBe(200);

    const found = await app.inject({
      method: 'GET',
      url: `/api/v1/patients/${patientId}/membership-agreement?planId=${planId}`,
      headers: practice.owner.headers,
    });
    expect(found.json()).toMatchObject({ agreement: { assignmentId, status: 'signed', signerName: 'Ines Moreau' } });
    const enrolled = await app.inject({
      method: 'POST',
      url: `/api/v1/patients/${patientId}/memberships`,
      headers: practice.owner.headers,
      payload: { planId, interval: 'month', drawDay: 20, paymentMethodId: card.id, agreementAssignmentId: assignmentId },
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const staffCookie = await app.inject({
      method: 'GET',
      url: `/api/v1/portal/membership-agreement?planId=${planId}`,
      headers: practice.owner.headers,
    });
    expect(staffCookie.statusCode).toBe(401);
  });
});
