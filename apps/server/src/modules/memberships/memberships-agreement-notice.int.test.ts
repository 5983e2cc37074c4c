import { afterAll, describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { createMessageDeliveryWorker, createSmtpEmailTransport, type MessageDeliveryWorker } from '../notifications/index.ts';
import { startTestSmtpServer } from '../notifications/test-smtp-server.ts';
import { createConsent } from '../paperwork/paperwork-test-builders.ts';
import { addPatient, createPortalPractice, uniquePatientEmail, type PortalPractice } from '../portal/portal-test-support.ts';
import { createClinic } from '../practice/practice-test-builders.ts';

const clock = createManualClock('2026-03-02T14:00:00Z');
const { app } = await createTestApp({ clock, config: { publicBaseUrl: 'https://glow.example.com' } });
const smtp = await startTestSmtpServer();
const workers: MessageDeliveryWorker[] = [];

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await smtp.stop();
});

/** Delivers the practice's queued email over a real SMTP conversation with the in-process server. */
async function deliverEmail(practice: PortalPractice): Promise<void> {
  const worker = createMessageDeliveryWorker({
    database: app.database,
    transports: {
      email: createSmtpEmailTransport({ url: smtp.url, from: 'Glow Clinic <hello@glowclinic.test>', timeoutMs: 5_000 }),
    },
    clock,
    onlyPractices: [practice.practiceId],
  });
  workers.push(worker);
  await worker.deliverDueMessages();
}

async function agreementSetup() {
  const practice = await createPortalPractice(app);
  const clinic = await createClinic(app, practice);
  const email = uniquePatientEmail();
  const patientId = await addPatient(app, practice, { firstName: 'Ines', lastName: 'Moreau', email });
  const template = await createConsent(app, practice, { name: 'Glow Club agreement' });
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/membership-plans',
    headers: practice.owner.headers,
    payload: { name: 'Glow Club', monthlyPriceCents: 7_900, clinicIds: [clinic.id], soldOnline: true, agreementTemplateId: template.id },
  });
  expect(created.statusCode, created.body).toBe(201);
  return { practice, patientId, email, planId: created.json<{ id: string }>().id };
}

function prepare(setup: Awaited<ReturnType<typeof agreementSetup>>, payload: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/patients/${setup.patientId}/membership-agreement`,
    headers: setup.practice.owner.headers,
    payload: { planId: setup.planId, ...payload },
  });
}

describe('Send To Portal of a membership agreement', () => {
  it('emails the client once that the agreement waits to be signed, with a link to Become A Member in the portal', async () => {
    const setup = await agreementSetup();
    const sent = await prepare(setup, { sendToPortal: true });
    expect(sent.statusCode, sent.body).toBe(200);
    // Sending again finds the same copy and emails nothing more.
    expect((await prepare(setup, { sendToPortal: true })).statusCode).toBe(200);
    await deliverEmail(setup.practice);

    const emails = smtp.received.filter((email) => email.envelopeTo.includes(setup.email));
    expect(emails).toHaveLength(1);
    expect(emails[0]?.parsed?.subject).toBe('Glow Club: your membership agreement is waiting to be signed');
    expect(emails[0]?.parsed?.text).toContain('Glow Club agreement');
    expect(emails[0]?.parsed?.text).toContain(`https://glow.example.com/portal/${setup.practice.slug}/memberships`);
  });

  it('emails nothing when staff open the agreement to sign on the spot', async () => {
    const setup = await agreementSetup();
    expect((await prepare(setup, {})).statusCode).toBe(200);
    await deliverEmail(setup.practice);
    expect(smtp.received.filter((email) => email.envelopeTo.includes(setup.email))).toEqual([]);
  });

  it('refuses a sendToPortal that is not true or false, naming the field', async () => {
    const setup = await agreementSetup();
    const refused = await prepare(setup, { sendToPortal: 'yes' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ field: 'sendToPortal' });
  });
});
