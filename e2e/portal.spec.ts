import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { TestSmtpServer } from '../apps/server/src/modules/notifications/test-smtp-server.ts';
import type { ServerProcess } from '../apps/server/src/testing/server-process.ts';
import { getJson, postJson, wallClock, type Clinic, type Service } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD } from './sign-in.ts';
import { axeViolations } from './axe.ts';
import { emailedCode, startDemoServerWithMail, type DemoServerWithMail } from './mail-server.ts';

// The patient portal through the real UI, at a phone's size and a desktop's. Patients sign in
// with a code sent by email, so this spec runs a server of its own whose SMTP_URL points at an
// SMTP server in this process (the shared e2e server has no SMTP: other specs read its held
// messages). Each test books its own patient with a unique email through the staff API.
//
// With E2E_SCREENSHOT_DIR set, every portal page is also photographed at 390×844 and 1440×900.

const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const DEMO_BANNER = 'Glow season: 20% off chemical peels this month';
const DEMO_REMINDER = /Please arrive 10 minutes early and bring a photo ID/;

interface Slot {
  start: string;
  providerIds: string[];
}
interface Patient {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
}

let smtp: TestSmtpServer;
let server: ServerProcess;
let demo: DemoServerWithMail;
let staff: APIRequestContext;

function at(path: string): string {
  return `${server.baseUrl}${path}`;
}

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  demo = await startDemoServerWithMail('portal');
  ({ smtp, server, staff } = demo);
});

test.afterAll(async () => {
  await demo?.stop();
});

let patientSerial = 0;
async function createPatient(firstName: string): Promise<Patient> {
  patientSerial += 1;
  const lastName = `Portal${Date.now().toString(36)}${patientSerial}`;
  return postJson<Patient>(staff, '/api/v1/patients', { firstName, lastName, email: `${lastName.toLowerCase()}@example.com` });
}

/** Books Botox at SoHo for the patient, `daysAhead` days or more from now; returns the appointment's id and start. */
async function bookBotox(
  patient: Patient,
  daysAhead: number,
  slotIndex = 0,
): Promise<{ id: string; start: string; clinic: Clinic; serviceId: string }> {
  const clinics = (await getJson<{ items: Clinic[] }>(staff, '/api/v1/clinics')).items;
  const clinic = clinics.find((candidate) => candidate.name.includes('SoHo'));
  if (!clinic) throw new Error('the demo SoHo clinic is missing');
  const services = (await getJson<{ items: Service[] }>(staff, `/api/v1/services?clinicId=${clinic.id}&active=true`)).items;
  const botox = services.find((service) => service.name.startsWith('Botox'));
  if (!botox) throw new Error('the demo SoHo clinic offers no Botox');
  const from = new Date(Date.now() + daysAhead * 24 * 3_600_000);
  const to = new Date(from.getTime() + 10 * 24 * 3_600_000);
  const query = new URLSearchParams({ clinicId: clinic.id, serviceIds: botox.id, from: from.toISOString(), to: to.toISOString() });
  const slot = (await getJson<{ slots: Slot[] }>(staff, `/api/v1/availability?${query.toString()}`)).slots.at(slotIndex);
  if (!slot) throw new Error('no open Botox slot at SoHo');
  const booked = await postJson<{ id: string }>(staff, '/api/v1/appointments', {
    mode: 'in_person',
    clinicId: clinic.id,
    providerId: slot.providerIds[0],
    serviceIds: [botox.id],
    start: slot.start,
    patientId: patient.id,
  });
  return { id: booked.id, start: slot.start, clinic, serviceId: botox.id };
}

/** Checks the page with axe and, when asked for, photographs it under `name-<width>`. */
async function review(page: Page, name: string, found: string[]): Promise<void> {
  found.push(...(await axeViolations(page, name)));
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `portal-${name}-${page.viewportSize()?.width ?? 0}.png`), fullPage: true });
}

async function signInByEmail(page: Page, email: string, found: string[]): Promise<void> {
  await page.goto(at('/portal/demo'));
  await expect(page).toHaveURL(/\/portal\/demo\/sign-in$/);
  await expect(page.getByText('Lumière Aesthetics')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Mobile phone number' })).toBeVisible();
  await review(page, 'sign-in-phone', found);

  await page.getByRole('button', { name: 'Use email to log in' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  const sentBefore = smtp.received.length;
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resend' })).toBeDisabled();
  await expect(page.getByText(/You can ask for a new code in \d+ s\./)).toBeVisible();
  const code = await emailedCode(smtp, email, sentBefore);

  const wrong = code === '000000' ? '111111' : '000000';
  await page.getByRole('textbox', { name: 'Code' }).fill(wrong);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That code is not right or has expired. Check it, or ask for a new code.')).toBeVisible();
  await review(page, 'sign-in-code-refused', found);

  await page.getByRole('textbox', { name: 'Code' }).fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/portal\/demo$/);
}

for (const viewport of [PHONE, DESKTOP]) {
  const size = `${viewport.width}×${viewport.height}`;

  test(`at ${size}, a patient signs in by email code, sees banners and reminders, and confirms an appointment`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const found: string[] = [];
    const patient = await createPatient('Amelia');
    const appointment = await bookBotox(patient, 3);

    await signInByEmail(page, patient.email, found);
    await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${patient.firstName}` })).toBeVisible();
    await expect(page.getByText(DEMO_BANNER)).toBeVisible();
    await expect(page.getByText('Holiday hours: closed on public holidays')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Important Reminders' })).toBeVisible();
    await expect(page.getByText(DEMO_REMINDER)).toBeVisible();
    await expect(page.getByText('1 appointment to confirm')).toBeVisible();
    await review(page, 'dashboard', found);

    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Appointments' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
    const upcoming = page.getByRole('list', { name: 'Upcoming appointments' });
    const card = upcoming.getByRole('article');
    await expect(card).toHaveCount(1);
    await expect(card).toContainText('Botox');
    await expect(card).toContainText('Not confirmed');
    const { localDate } = wallClock(appointment.start, appointment.clinic.timezone);
    const dayShown = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${localDate}T12:00:00Z`),
    );
    await expect(card).toContainText(dayShown);
    await review(page, 'appointments-upcoming', found);

    await card.getByRole('button', { name: 'Confirm' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm this appointment?' });
    await expect(dialog).toBeVisible();
    await review(page, 'appointments-confirm-dialog', found);
    await dialog.getByRole('button', { name: 'Confirm appointment' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'is confirmed' })).toBeVisible();
    await expect(card).toContainText('Confirmed');
    await expect(card.getByRole('button', { name: 'Confirm' })).toHaveCount(0);
    const staffView = await getJson<{ status: string }>(staff, `/api/v1/appointments/${appointment.id}`);
    expect(staffView.status).toBe('confirmed');

    await page.getByRole('tab', { name: 'Past' }).click();
    await expect(page.getByRole('heading', { name: 'No past appointments' })).toBeVisible();
    await review(page, 'appointments-past-empty', found);

    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByText('1 appointment to confirm')).toHaveCount(0);

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await page.goto(at('/portal/demo/appointments'));
    await expect(page).toHaveURL(/\/portal\/demo\/sign-in$/);

    expect(found, found.join('\n')).toEqual([]);
  });

  test(`at ${size}, an unknown portal address says the clinic's portal is not known`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const found: string[] = [];
    await page.goto(at('/portal/no-such-clinic'));
    await expect(page.getByRole('heading', { level: 1, name: "This clinic's portal address is not known" })).toBeVisible();
    await expect(page.getByText('no-such-clinic')).toBeVisible();
    await review(page, 'unknown-address', found);
    expect(found, found.join('\n')).toEqual([]);
  });
}

test('a malformed phone number is refused on the form, and a second code request within the cooldown is explained', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const patient = await createPatient('Rosa');
  await page.goto(at('/portal/demo/sign-in'));
  await page.getByRole('textbox', { name: 'Mobile phone number' }).fill('555-01');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByText(/international \(E\.164\) format/)).toBeVisible();

  await page.getByRole('button', { name: 'Use email to log in' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill(patient.email);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
  await page.getByRole('button', { name: 'Use another email address' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill(patient.email);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('alert')).toContainText(/A code was just sent\. You can ask for another in \d+ seconds\./);
});

/** A questionnaire and a consent needing a witness, forwarded by the booked service, assigned to the appointment. */
async function assignForms(appointmentId: string, serviceId: string, suffix: string): Promise<{ consent: string; questionnaire: string }> {
  const consent = `Botox consent ${suffix}`;
  const questionnaire = `Health history ${suffix}`;
  const created = await Promise.all([
    postJson<{ id: string }>(staff, '/api/v1/paperwork-templates', {
      kind: 'consent',
      name: consent,
      showDaysBefore: 30,
      body: 'I agree to **botulinum toxin** treatment and understand its risks.',
      format: 'markdown',
      requiresWitnessSignature: true,
    }),
    postJson<{ id: string }>(staff, '/api/v1/paperwork-templates', {
      kind: 'questionnaire',
      name: questionnaire,
      showDaysBefore: 30,
      questions: [
        { id: 'allergies', label: 'Do you have any allergies?', type: 'yes_no', required: true },
        { id: 'details', label: 'Anything else we should know?', type: 'long_text' },
      ],
    }),
  ]);
  const linked = await staff.put(`/api/v1/services/${serviceId}/paperwork`, {
    data: { templateIds: created.map((template) => template.id) },
  });
  expect(linked.ok(), await linked.text()).toBeTruthy();
  const assigned = await staff.post(`/api/v1/appointments/${appointmentId}/paperwork/assign`);
  expect(assigned.ok(), await assigned.text()).toBeTruthy();
  return { consent, questionnaire };
}

test('at 390×844, a patient signs a consent that needs a witness and fills a questionnaire in two sittings', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const found: string[] = [];
  const patient = await createPatient('Jonah');
  const appointment = await bookBotox(patient, 3, 2);
  const forms = await assignForms(appointment.id, appointment.serviceId, patient.lastName);

  await signInByEmail(page, patient.email, []);
  // The demo's Botox forwards forms of its own, assigned at booking: count ours on top of them.
  const waitingText = await page.getByText(/\d+ forms to complete/).textContent();
  const waitingBefore = Number(/\d+/.exec(waitingText ?? '')?.[0]);
  expect(waitingBefore).toBeGreaterThanOrEqual(2);
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Paperwork' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Paperwork' })).toBeVisible();
  const consent = page.getByRole('article', { name: forms.consent });
  await expect(consent).toContainText('Not Signed');
  await review(page, 'paperwork-consents', found);

  await consent.getByRole('button', { name: 'Read and sign' }).click();
  const dialog = page.getByRole('dialog', { name: forms.consent });
  await expect(dialog.getByText('botulinum toxin')).toBeVisible();
  await dialog.getByRole('button', { name: 'Sign consent' }).click();
  await expect(dialog.getByText('Draw your signature in the box.')).toBeVisible();
  await review(page, 'paperwork-consent-dialog', found);
  const pad = dialog.getByRole('img', { name: 'Your signature: drawing area' });
  const box = await pad.boundingBox();
  if (!box) throw new Error('the signature pad is not on screen');
  await page.mouse.move(box.x + 30, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 90, box.y + 40, { steps: 8 });
  await page.mouse.move(box.x + 160, box.y + 110, { steps: 8 });
  await page.mouse.up();
  await dialog.getByRole('textbox', { name: 'Your full name' }).fill(`${patient.firstName} ${patient.lastName}`);
  await dialog.getByRole('button', { name: 'Sign consent' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'will sign it as witness' })).toBeVisible();
  await expect(consent).toContainText('Witness Signature Required');
  await expect(consent.getByRole('button', { name: 'Read and sign' })).toHaveCount(0);

  await page.getByRole('tab', { name: /Questionnaires/ }).click();
  const questionnaire = page.getByRole('article', { name: forms.questionnaire });
  await expect(questionnaire).toContainText('Not Filled');
  await review(page, 'paperwork-questionnaires', found);
  await questionnaire.getByRole('button', { name: 'Fill in' }).click();
  const form = page.getByRole('dialog', { name: forms.questionnaire });
  await form.getByRole('button', { name: 'Submit' }).click();
  await expect(form.getByText('Answer this question.')).toBeVisible();
  await review(page, 'paperwork-questionnaire-dialog', found);
  await form.getByRole('radio', { name: 'Yes' }).check();
  await form.getByRole('button', { name: 'Save and finish later' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You can finish later' })).toBeVisible();
  await expect(questionnaire).toContainText('Not Filled');

  await questionnaire.getByRole('button', { name: 'Continue' }).click();
  await expect(form.getByRole('radio', { name: 'Yes' })).toBeChecked();
  await form.getByRole('textbox', { name: 'Anything else we should know?' }).fill('Penicillin.');
  await form.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is filled in' })).toBeVisible();
  await expect(questionnaire).toContainText('Filled');
  await expect(questionnaire.getByRole('button', { name: 'View answers' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Dashboard' }).click();
  const waitingAfter = waitingBefore - 2;
  await expect(
    page.getByText(
      waitingAfter === 0 ? 'Nothing to complete' : waitingAfter === 1 ? '1 form to complete' : `${waitingAfter} forms to complete`,
    ),
  ).toBeVisible();
  expect(found, found.join('\n')).toEqual([]);
});

for (const viewport of [PHONE, DESKTOP]) {
  test(`at ${viewport.width}×${viewport.height}, a patient reschedules an appointment, sees it move in the staff book, and cancels another`, async ({
    page,
    browser,
  }) => {
    await page.setViewportSize(viewport);
    const found: string[] = [];
    const patient = await createPatient('Maya');
    const moving = await bookBotox(patient, 3, 1);
    const cancelling = await bookBotox(patient, 6, 3);

    await signInByEmail(page, patient.email, []);
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Appointments' }).click();
    const cards = page.getByRole('list', { name: 'Upcoming appointments' }).getByRole('article');
    await expect(cards).toHaveCount(2);

    await cards.first().getByRole('button', { name: 'Reschedule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Choose a new time' });
    const times = dialog.getByRole('button', { name: /^\w{3}, \w{3} \d+, \d{4}, \d+:\d{2} [AP]M$/ });
    await expect(times.first()).toBeVisible({ timeout: 20_000 });
    await review(page, 'appointments-reschedule-times', found);
    await times.last().click();
    await expect(dialog.getByText(/^Move /)).toBeVisible();
    await review(page, 'appointments-reschedule-confirm', found);
    await dialog.getByRole('button', { name: 'Reschedule', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Your appointment is moved to' })).toBeVisible();

    const moved = await getJson<{ start: string; status: string }>(staff, `/api/v1/appointments/${moving.id}`);
    expect(moved.start).not.toBe(moving.start);
    const staffContext = await browser.newContext({ viewport: DESKTOP });
    const staffPage = await staffContext.newPage();
    await staffPage.goto(at('/login'));
    await staffPage.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_OWNER.email);
    await staffPage.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
    await staffPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(staffPage.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
    const { localDate } = wallClock(moved.start, moving.clinic.timezone);
    await staffPage.goto(at(`/appointments?clinic=${moving.clinic.id}&date=${localDate}`));
    await expect(staffPage.locator(`[data-appointment-id="${moving.id}"]`).first()).toBeVisible({ timeout: 20_000 });
    await staffContext.close();

    // Named by its day and start time: the moved appointment may now be on the same day.
    const cancelCard = page
      .getByRole('list', { name: 'Upcoming appointments' })
      .getByRole('article', { name: cardStartOf(cancelling.start, cancelling.clinic.timezone) });
    await cancelCard.getByRole('button', { name: 'Cancel' }).click();
    const cancelDialog = page.getByRole('dialog', { name: 'Cancel this appointment?' });
    await expect(cancelDialog).toBeVisible();
    await review(page, 'appointments-cancel-dialog', found);
    await cancelDialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await expect(cancelDialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'is cancelled' })).toBeVisible();
    expect((await getJson<{ status: string }>(staff, `/api/v1/appointments/${cancelling.id}`)).status).toBe('cancelled');

    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Notifications' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await expect(
      page
        .getByRole('article')
        .first()
        .or(page.getByRole('heading', { name: 'No notifications' })),
    ).toBeVisible();
    await review(page, 'notifications', found);

    expect(found, found.join('\n')).toEqual([]);
  });
}

/** The start of a portal appointment card's name, as "Thu, Dec 10, 2026, 10:30 AM –" (its end follows). */
function cardStartOf(instant: string, timeZone: string): string {
  const at = new Date(instant);
  const day = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(at);
  const clock = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(at);
  return `${day}, ${clock} –`;
}

test('an open staff book shows a patient’s confirmation and cancellation in the portal within seconds, without a reload', async ({
  page,
  browser,
}) => {
  await page.setViewportSize(DESKTOP);
  const patient = await createPatient('Nora');
  const appointment = await bookBotox(patient, 4, 2);

  const staffContext = await browser.newContext({ viewport: DESKTOP });
  const staffPage = await staffContext.newPage();
  await staffPage.goto(at('/login'));
  await staffPage.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_OWNER.email);
  await staffPage.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
  await staffPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(staffPage.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
  const { localDate } = wallClock(appointment.start, appointment.clinic.timezone);
  await staffPage.goto(at(`/appointments?clinic=${appointment.clinic.id}&date=${localDate}`));
  const bookCard = staffPage.locator(`[data-appointment-id="${appointment.id}"]`).first();
  await expect(bookCard).toBeVisible({ timeout: 20_000 });
  await expect(bookCard).not.toHaveAttribute('aria-label', /Confirmed/);

  await signInByEmail(page, patient.email, []);
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Appointments' }).click();
  const card = page.getByRole('list', { name: 'Upcoming appointments' }).getByRole('article');
  await expect(card).toHaveCount(1);

  await card.getByRole('button', { name: 'Confirm' }).click();
  const confirmDialog = page.getByRole('dialog', { name: 'Confirm this appointment?' });
  await confirmDialog.getByRole('button', { name: 'Confirm appointment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is confirmed' })).toBeVisible();
  // The book's lists refetch by themselves only every 60 s: within 15 s it is the change token.
  await expect(bookCard).toHaveAttribute('aria-label', /Confirmed/, { timeout: 15_000 });

  await card.getByRole('button', { name: 'Cancel' }).click();
  const cancelDialog = page.getByRole('dialog', { name: 'Cancel this appointment?' });
  await cancelDialog.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is cancelled' })).toBeVisible();
  await expect(staffPage.locator(`[data-appointment-id="${appointment.id}"]`)).toHaveCount(0, { timeout: 15_000 });
  await staffContext.close();
});
