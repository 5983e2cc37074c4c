import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext, type Download, type Page } from '@playwright/test';
import type { TestSmtpServer } from '../apps/server/src/modules/notifications/test-smtp-server.ts';
import type { ServerProcess } from '../apps/server/src/testing/server-process.ts';
import { getJson, postJson, wallClock, type Clinic, type Service } from './book-helpers.ts';
import { DEMO_OWNER, DEMO_PASSWORD } from './sign-in.ts';
import { axeViolations } from './axe.ts';
import { emailedCode, startDemoServerWithMail, type DemoServerWithMail } from './mail-server.ts';

// Every portal page at a desktop's, a tablet's and a phone's size, checked by axe-core (WCAG 2.1
// AA) and, with E2E_SCREENSHOT_DIR set, photographed for a person to look at; the portal of one
// practice opened with another practice's session; and staff witnessing a consent, then
// downloading its PDF from the appointment and from the client profile. Patients sign in with
// a code sent by email, so this spec runs a server of its own whose SMTP_URL points at an SMTP
// server in this process, with a second practice ("Harbor Skin Studio") next to the demo.

const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];
const DESKTOP = { width: 1440, height: 900 };
const OTHER_PRACTICE = { name: 'Harbor Skin Studio', slug: 'harbor', email: 'owner@harbor.example.com', password: 'harbor-owner-pass' };
/** A 1×1 PNG, as a signature pad's toDataURL gives one. */
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

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

test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  demo = await startDemoServerWithMail('portal-review', (cli) =>
    cli(
      [
        'create-owner',
        '--practice',
        OTHER_PRACTICE.name,
        '--timezone',
        'America/Chicago',
        '--email',
        OTHER_PRACTICE.email,
        '--name',
        'Hana Reyes',
      ],
      { GLOWDESK_OWNER_PASSWORD: OTHER_PRACTICE.password },
    ),
  );
  ({ smtp, server, staff } = demo);
  const harbor = await playwrightRequest.newContext({ baseURL: server.baseUrl });
  await postJson(harbor, '/api/v1/auth/login', { email: OTHER_PRACTICE.email, password: OTHER_PRACTICE.password });
  const slugged = await harbor.patch('/api/v1/practice-settings', { data: { slug: OTHER_PRACTICE.slug } });
  expect(slugged.ok(), await slugged.text()).toBeTruthy();
  await harbor.dispose();
});

test.afterAll(async () => {
  await demo?.stop();
});

let patientSerial = 0;
async function createPatient(firstName: string, overrides: { email?: string; lastName?: string; dateOfBirth?: string } = {}) {
  patientSerial += 1;
  const lastName = overrides.lastName ?? `Review${Date.now().toString(36)}${patientSerial}`;
  return postJson<Patient>(staff, '/api/v1/patients', {
    firstName,
    lastName,
    email: overrides.email ?? `${lastName.toLowerCase()}@example.com`,
    ...(overrides.dateOfBirth ? { dateOfBirth: overrides.dateOfBirth } : {}),
  });
}

/** Books Botox at SoHo for the patient, `daysAhead` days or more from now. */
async function bookBotox(patient: Patient, daysAhead: number, slotIndex = 0) {
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

/** A consent needing a witness, a questionnaire and instructions, assigned to the appointment. */
async function assignForms(appointmentId: string, serviceId: string, suffix: string) {
  const names = { consent: `Botox consent ${suffix}`, questionnaire: `Health history ${suffix}`, instructions: `Before Botox ${suffix}` };
  const created = await Promise.all([
    postJson<{ id: string }>(staff, '/api/v1/paperwork-templates', {
      kind: 'consent',
      name: names.consent,
      showDaysBefore: 30,
      body: 'I agree to **botulinum toxin** treatment and understand its risks: bruising, headache and, rarely, a drooping eyelid.',
      format: 'markdown',
      requiresWitnessSignature: true,
    }),
    postJson<{ id: string }>(staff, '/api/v1/paperwork-templates', {
      kind: 'questionnaire',
      name: names.questionnaire,
      showDaysBefore: 30,
      questions: [
        { id: 'allergies', label: 'Do you have any allergies?', type: 'yes_no', required: true },
        { id: 'details', label: 'Anything else we should know?', type: 'long_text' },
      ],
    }),
    postJson<{ id: string }>(staff, '/api/v1/paperwork-templates', {
      kind: 'instructions',
      name: names.instructions,
      showDaysBefore: 30,
      body: '**No alcohol** for 24 hours before.\n\n- Skip blood thinners if your doctor agrees\n- Arrive without make-up',
      format: 'markdown',
    }),
  ]);
  const linked = await staff.put(`/api/v1/services/${serviceId}/paperwork`, {
    data: { templateIds: created.map((template) => template.id) },
  });
  expect(linked.ok(), await linked.text()).toBeTruthy();
  const assigned = await staff.post(`/api/v1/appointments/${appointmentId}/paperwork/assign`);
  expect(assigned.ok(), await assigned.text()).toBeTruthy();
  return names;
}

/** Checks the page with axe and, when asked for, photographs it as `portal-<name>-<width>.png`. */
async function review(page: Page, name: string, found: string[]): Promise<void> {
  // Let transitions (dialogs, tabs) settle.
  await page.waitForTimeout(400);
  found.push(...(await axeViolations(page, `${name} at ${page.viewportSize()?.width ?? 0}`)));
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  // A full-page picture leaves fixed parts (the phone's tab bar, a full-screen dialog) where the
  // screen's bottom was: a screen as tall as the page (or its open dialog) shows them where they sit.
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  const height = await page.evaluate(() =>
    Math.max(
      document.documentElement.scrollHeight,
      ...[...document.querySelectorAll('[role="dialog"]')].map((dialog) => dialog.getBoundingClientRect().top + dialog.scrollHeight),
    ),
  );
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(height)) });
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(screenshotDir, `portal-${name}-${viewport.width}.png`) });
  await page.setViewportSize(viewport);
}

/**
 * Nothing on the page is wider than the screen (nothing scrolls sideways), and scrolled to its
 * end no content of the page lies under the phone's tab bar.
 */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const hiddenPixels = await page.evaluate(() => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    const main = document.querySelector('main');
    const nav = document.querySelector('nav[aria-label="Portal"]');
    if (!main || !nav || getComputedStyle(nav).position !== 'fixed') return 0;
    const contentBottom = main.getBoundingClientRect().bottom - parseFloat(getComputedStyle(main).paddingBottom);
    const hidden = contentBottom - nav.getBoundingClientRect().top;
    window.scrollTo(0, 0);
    return hidden;
  });
  expect(hiddenPixels, 'the end of the page lies under the tab bar').toBeLessThanOrEqual(0);
}

function navigation(page: Page) {
  return page.getByRole('navigation', { name: 'Portal' });
}

/** Signs the patient in at /portal/<slug> by email code, photographing the steps when `found` is given. */
async function signInByEmail(page: Page, email: string, found?: string[], slug = 'demo'): Promise<void> {
  await page.goto(at(`/portal/${slug}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  if (found) await review(page, 'sign-in-phone', found);
  await page.getByRole('button', { name: 'Use email to log in' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  if (found) await review(page, 'sign-in-email', found);
  const sentBefore = smtp.received.length;
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
  const code = await emailedCode(smtp, email, sentBefore);
  if (found) {
    await review(page, 'sign-in-code', found);
    await page.getByRole('textbox', { name: 'Code' }).fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('That code is not right or has expired.', { exact: false })).toBeVisible();
    await review(page, 'sign-in-code-refused', found);
  }
  await page.getByRole('textbox', { name: 'Code' }).fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs the patient in through the API (a context of their own) and signs the consent there. */
async function signConsentThroughApi(patient: Patient, consentName: string): Promise<void> {
  const portal = await playwrightRequest.newContext({ baseURL: server.baseUrl });
  try {
    const sentBefore = smtp.received.length;
    const requested = await portal.post('/api/v1/portal/demo/auth/code', { data: { channel: 'email', email: patient.email } });
    expect(requested.status()).toBe(202);
    const code = await emailedCode(smtp, patient.email, sentBefore);
    await postJson(portal, '/api/v1/portal/demo/auth/verify', { channel: 'email', email: patient.email, code });
    const forms = await getJson<{ consents: { id: string; name: string }[] }>(portal, '/api/v1/portal/paperwork');
    const consent = forms.consents.find((form) => form.name === consentName);
    if (!consent) throw new Error(`the portal lists no ${consentName}`);
    const signed = await postJson<{ status: string }>(portal, `/api/v1/portal/paperwork/${consent.id}/sign`, {
      signature: SIGNATURE,
      typedName: `${patient.firstName} ${patient.lastName}`,
    });
    expect(signed.status).toBe('witness_signature_required');
  } finally {
    await portal.dispose();
  }
}

async function signInStaff(page: Page): Promise<void> {
  await page.goto(at('/login'));
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO_OWNER.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
}

async function expectPdf(download: Download): Promise<void> {
  const path = await download.path();
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
}

for (const viewport of VIEWPORTS) {
  test(`at ${viewport.width}×${viewport.height}, every portal page passes axe and fits the screen`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const found: string[] = [];
    // Two clients share one email: the code proves the email, then the date of birth picks the profile.
    const sharedEmail = `shared-${Date.now().toString(36)}-${viewport.width}@example.com`;
    const lastName = `Review${Date.now().toString(36)}${viewport.width}`;
    const patient = await createPatient('Amelia', { email: sharedEmail, lastName, dateOfBirth: '1988-04-12' });
    await createPatient('Theo', { email: sharedEmail, lastName, dateOfBirth: '2012-09-30' });
    const first = await bookBotox(patient, 3, 0);
    await bookBotox(patient, 6, 2);
    const names = await assignForms(first.id, first.serviceId, `${viewport.width}-${lastName}`);

    await signInByEmail(page, sharedEmail, found);
    await expect(page.getByRole('heading', { level: 1, name: 'Tell us who you are' })).toBeVisible();
    await review(page, 'sign-in-identity', found);
    await page.getByLabel('Date of birth').fill('1988-04-12');
    await page.getByRole('textbox', { name: 'Last name' }).fill(lastName);
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Amelia' })).toBeVisible();
    await expect(page.getByText('Glow season: 20% off chemical peels this month')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Important Reminders' })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await review(page, 'dashboard', found);

    // The navigation: every page one tap away, nothing scrolling sideways, in reading order.
    const links = navigation(page).getByRole('link');
    const pageNames = [
      'Dashboard',
      'Appointments',
      'Paperwork',
      'Notifications',
      'Client Wallet',
      'Become A Member',
      'Payment Methods',
      'Medical History',
      'Prescriptions',
      'Profile',
    ];
    if (viewport.width < 768) {
      // A phone's tab bar holds five entries: the first four pages, and More for the rest.
      await expect(links).toHaveText(pageNames.slice(0, 4));
      await navigation(page).getByRole('button', { name: 'More' }).click();
      await expect(page.getByRole('menuitem')).toHaveText(pageNames.slice(4));
      await page.keyboard.press('Escape');
      await expect(page.getByRole('menuitem')).toHaveCount(0);
    } else {
      await expect(links).toHaveText(pageNames);
    }
    const navBox = await navigation(page).boundingBox();
    expect(navBox?.width ?? 0).toBeLessThanOrEqual(viewport.width);
    for (const link of await links.all()) {
      const box = await link.boundingBox();
      expect(box, 'a navigation link is off screen').not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(viewport.width + 0.5);
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    }
    await expect(navigation(page).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
    // Every label shows whole and nothing scrolls sideways.
    const cutLabels = await page.evaluate(() => {
      const nav = document.querySelector('nav[aria-label="Portal"]');
      if (!nav) return ['no navigation'];
      const cut = [...nav.querySelectorAll('.portal-nav-label')]
        .filter((label) => label.scrollWidth > label.clientWidth + 0.5)
        .map((label) => label.textContent ?? '');
      if (document.documentElement.scrollWidth > document.documentElement.clientWidth) cut.push('the page scrolls sideways');
      return cut;
    });
    expect(cutLabels).toEqual([]);

    await navigation(page).getByRole('link', { name: 'Appointments' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
    const cards = page.getByRole('list', { name: 'Upcoming appointments' }).getByRole('article');
    await expect(cards).toHaveCount(2);
    await expectNoSidewaysScroll(page);
    await review(page, 'appointments-upcoming', found);

    await cards.first().getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('dialog', { name: 'Confirm this appointment?' })).toBeVisible();
    await review(page, 'appointments-confirm-dialog', found);
    await page.getByRole('dialog').getByRole('button', { name: 'Not now' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();

    await cards.first().getByRole('button', { name: 'Reschedule' }).click();
    const reschedule = page.getByRole('dialog', { name: 'Choose a new time' });
    await expect(reschedule.getByRole('button', { name: /^\w{3}, \w{3} \d+, \d{4}, \d+:\d{2} [AP]M$/ }).first()).toBeVisible({
      timeout: 30_000,
    });
    await review(page, 'appointments-reschedule-dialog', found);
    await page.keyboard.press('Escape');
    await expect(reschedule).toBeHidden();

    await cards.last().getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('dialog', { name: 'Cancel this appointment?' })).toBeVisible();
    await review(page, 'appointments-cancel-dialog', found);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    await page.getByRole('tab', { name: 'Past' }).click();
    await expect(page.getByRole('heading', { name: 'No past appointments' })).toBeVisible();
    await review(page, 'appointments-past', found);

    await navigation(page).getByRole('link', { name: 'Paperwork' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Paperwork' })).toBeVisible();
    await expect(page.getByRole('article', { name: names.consent })).toContainText('Not Signed');
    await expectNoSidewaysScroll(page);
    await review(page, 'paperwork-consents', found);
    await page.getByRole('article', { name: names.consent }).getByRole('button', { name: 'Read and sign' }).click();
    const consentDialog = page.getByRole('dialog', { name: names.consent });
    await expect(consentDialog.getByText('botulinum toxin')).toBeVisible();
    await review(page, 'paperwork-consent-reading', found);
    await consentDialog.getByRole('button', { name: 'Sign consent' }).click();
    await expect(consentDialog.getByText('Draw your signature in the box.')).toBeVisible();
    await review(page, 'paperwork-consent-signing', found);
    await page.keyboard.press('Escape');
    await expect(consentDialog).toBeHidden();

    await page.getByRole('tab', { name: /Questionnaires/ }).click();
    await expect(page.getByRole('article', { name: names.questionnaire })).toContainText('Not Filled');
    await review(page, 'paperwork-questionnaires', found);
    await page.getByRole('article', { name: names.questionnaire }).getByRole('button', { name: 'Fill in' }).click();
    const questionnaire = page.getByRole('dialog', { name: names.questionnaire });
    await expect(questionnaire.getByRole('radio', { name: 'Yes' })).toBeVisible();
    await review(page, 'paperwork-questionnaire', found);
    await page.keyboard.press('Escape');
    await expect(questionnaire).toBeHidden();

    await page.getByRole('tab', { name: /Instructions/ }).click();
    await expect(page.getByRole('article', { name: names.instructions })).toBeVisible();
    await review(page, 'paperwork-instructions', found);

    await navigation(page).getByRole('link', { name: 'Notifications' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await expect(
      page
        .getByRole('article')
        .first()
        .or(page.getByRole('heading', { name: 'No notifications' })),
    ).toBeVisible();
    await expectNoSidewaysScroll(page);
    await review(page, 'notifications', found);

    await page.goto(at('/portal/demo/medical-history'));
    await expect(page.getByRole('heading', { level: 1, name: 'Medical History' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save medical history' })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await review(page, 'medical-history', found);

    await page.goto(at('/portal/demo/prescriptions'));
    await expect(page.getByRole('heading', { level: 1, name: 'Prescriptions' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No prescriptions' })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await review(page, 'prescriptions-empty', found);

    await page.goto(at('/portal/demo/no-such-page'));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await review(page, 'unknown-page', found);

    expect(found, found.join('\n')).toEqual([]);
  });
}

test("a portal opened at another practice's address shows that practice's sign-in, never the signed-in patient", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const patient = await createPatient('Clara');
  await signInByEmail(page, patient.email);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Clara' })).toBeVisible();

  await page.goto(at(`/portal/${OTHER_PRACTICE.slug}`));
  await expect(page).toHaveURL(new RegExp(`/portal/${OTHER_PRACTICE.slug}/sign-in$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await expect(page.getByText(OTHER_PRACTICE.name)).toBeVisible();
  await expect(page.getByText(patient.lastName)).toHaveCount(0);
  await expect(page.getByText('Welcome, Clara')).toHaveCount(0);

  await page.goto(at(`/portal/${OTHER_PRACTICE.slug}/appointments`));
  await expect(page).toHaveURL(new RegExp(`/portal/${OTHER_PRACTICE.slug}/sign-in$`));
  await expect(page.getByText(patient.lastName)).toHaveCount(0);

  // Back at the practice the session belongs to, the patient is still signed in.
  await page.goto(at('/portal/demo'));
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Clara' })).toBeVisible();
});

test('staff witness a consent from the appointment, then download its PDF there and from the client profile', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  const patient = await createPatient('Iris');
  const appointment = await bookBotox(patient, 4, 1);
  const names = await assignForms(appointment.id, appointment.serviceId, `witness-${patient.lastName}`);
  await signConsentThroughApi(patient, names.consent);
  const patientName = `${patient.firstName} ${patient.lastName}`;

  await signInStaff(page);
  const { localDate } = wallClock(appointment.start, appointment.clinic.timezone);
  await page.goto(at(`/appointments?clinic=${appointment.clinic.id}&date=${localDate}`));
  const card = page.locator(`[data-appointment-id="${appointment.id}"]`).first();
  await card.scrollIntoViewIfNeeded({ timeout: 20_000 });
  await card.click();
  const drawer = page.getByRole('dialog', { name: new RegExp(`^${patientName}`) });
  const paperwork = drawer.getByRole('region', { name: 'Paperwork' });
  const consentRow = paperwork.getByRole('listitem', { name: names.consent });
  await expect(consentRow).toContainText('Witness Signature Required');

  await consentRow.getByRole('button', { name: `Witness ${names.consent}` }).click();
  const witness = page.getByRole('dialog', { name: `Witness ${names.consent}` });
  await expect(witness.getByRole('textbox', { name: 'Your full name' })).toHaveValue(DEMO_OWNER.name);
  const pad = witness.getByRole('img', { name: 'Witness signature: draw here' });
  const box = await pad.boundingBox();
  if (!box) throw new Error('the witness signature pad is not on screen');
  await page.mouse.move(box.x + 30, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 90, box.y + 40, { steps: 8 });
  await page.mouse.move(box.x + 170, box.y + 110, { steps: 8 });
  await page.mouse.up();
  await witness.getByRole('button', { name: 'Sign as witness' }).click();
  await expect(witness).toBeHidden();
  await expect(consentRow).toContainText('Signed');
  await expect(consentRow).not.toContainText('Witness Signature Required');

  const fromAppointment = page.waitForEvent('download');
  await consentRow.getByRole('link', { name: `Download the signed PDF of ${names.consent}` }).click();
  await expectPdf(await fromAppointment);

  await drawer.getByRole('link', { name: patientName }).click();
  await expect(page.getByRole('heading', { level: 1, name: patientName })).toBeVisible();
  const access = page.getByRole('region', { name: 'Portal access' });
  await expect(access).toContainText('Has signed in');
  await expect(access).toContainText('Yes');
  await expect(access).toContainText(`${patient.email} (email)`);
  await expect(access.getByRole('link', { name: /\/portal\/demo$/ })).toBeVisible();
  const documents = page.getByRole('region', { name: 'Signed documents' });
  const signed = documents.getByRole('listitem', { name: names.consent });
  await expect(signed).toContainText(`by ${patientName}`);
  await expect(signed).toContainText(`Witnessed by ${DEMO_OWNER.name}`);
  if (screenshotDir) {
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'staff-client-profile-portal-access-1440.png'), fullPage: true });
  }
  const fromProfile = page.waitForEvent('download');
  await signed.getByRole('link', { name: `Download PDF of ${names.consent}` }).click();
  await expectPdf(await fromProfile);
  // The staff app's own toasts are not this page's; its main content is.
  expect(await axeViolations(page, 'client profile', 'main')).toEqual([]);
});
