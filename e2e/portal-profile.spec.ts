import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { TestSmtpServer } from '../apps/server/src/modules/notifications/test-smtp-server.ts';
import type { ServerProcess } from '../apps/server/src/testing/server-process.ts';
import { getJson, postJson, type Clinic, type Service } from './book-helpers.ts';
import { axeViolations } from './axe.ts';
import { emailedCode, startDemoServerWithMail, type DemoServerWithMail } from './mail-server.ts';

// The portal's Profile page and guardian access through the real UI on a phone: a patient
// edits the address and preferences, changes the email with a code read from an SMTP server
// in this process, and, once staff granted access, switches to a child's profile. Like
// portal.spec.ts, this spec runs a server of its own with SMTP_URL pointing at that server.
//
// With E2E_SCREENSHOT_DIR set, the pages are also photographed at 390×844 and 1440×900.

const screenshotDir = process.env.E2E_SCREENSHOT_DIR;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

interface Patient {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
}

let smtp: TestSmtpServer;
let server: ServerProcess;
let demo: DemoServerWithMail;
let staff: APIRequestContext;

const at = (path: string) => `${server.baseUrl}${path}`;

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  demo = await startDemoServerWithMail('portal-profile');
  ({ smtp, server, staff } = demo);
});

test.afterAll(async () => {
  await demo?.stop();
});

let serial = 0;
async function createPatient(firstName: string, lastName: string, fields: Record<string, string> = {}): Promise<Patient> {
  serial += 1;
  const unique = `${Date.now().toString(36)}${serial}`;
  return postJson<Patient>(staff, '/api/v1/patients', {
    firstName,
    lastName,
    email: `${firstName.toLowerCase()}-${unique}@example.com`,
    ...fields,
  });
}

/** Books Botox at SoHo for the patient a few days ahead. */
async function bookBotox(patient: Patient): Promise<void> {
  const clinic = (await getJson<{ items: Clinic[] }>(staff, '/api/v1/clinics')).items.find((candidate) => candidate.name.includes('SoHo'));
  if (!clinic) throw new Error('the demo SoHo clinic is missing');
  const services = (await getJson<{ items: Service[] }>(staff, `/api/v1/services?clinicId=${clinic.id}&active=true`)).items;
  const botox = services.find((service) => service.name.startsWith('Botox'));
  if (!botox) throw new Error('the demo SoHo clinic offers no Botox');
  const from = new Date(Date.now() + 4 * 24 * 3_600_000);
  const to = new Date(from.getTime() + 10 * 24 * 3_600_000);
  const query = new URLSearchParams({ clinicId: clinic.id, serviceIds: botox.id, from: from.toISOString(), to: to.toISOString() });
  const slot = (
    await getJson<{ slots: { start: string; providerIds: string[] }[] }>(staff, `/api/v1/availability?${query.toString()}`)
  ).slots.at(serial);
  if (!slot) throw new Error('no open Botox slot at SoHo');
  await postJson(staff, '/api/v1/appointments', {
    mode: 'in_person',
    clinicId: clinic.id,
    providerId: slot.providerIds[0],
    serviceIds: [botox.id],
    start: slot.start,
    patientId: patient.id,
  });
}

/** Checks the page with axe and, when asked for, photographs it at this width and at a desktop's. */
async function review(page: Page, name: string, found: string[]): Promise<void> {
  found.push(...(await axeViolations(page, name)));
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  const viewport = page.viewportSize() ?? PHONE;
  for (const size of [viewport, DESKTOP]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(screenshotDir, `portal-${name}-${size.width}.png`), fullPage: true });
  }
  await page.setViewportSize(viewport);
}

async function signInByEmail(page: Page, email: string): Promise<void> {
  await page.goto(at('/portal/demo/sign-in'));
  await page.getByRole('button', { name: 'Use email to log in' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  const sentBefore = smtp.received.length;
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Code' }).fill(await emailedCode(smtp, email, sentBefore));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/portal\/demo$/);
}

test('at 390×844, a patient edits the profile, changes the email with a code, and switches to a child’s profile once granted', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  const found: string[] = [];
  const parent = await createPatient('Nora', `Lindqvist${Date.now().toString(36)}`, { dateOfBirth: '1986-09-14' });
  const child = await createPatient('Mia', parent.lastName, { dateOfBirth: '2014-02-03' });
  await bookBotox(child);
  if (!parent.email) throw new Error('the parent has no email');

  await signInByEmail(page, parent.email);
  await expect(page.getByRole('combobox', { name: 'Viewing' })).toHaveCount(0);
  // On a phone, Profile is under the tab bar's More.
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
  const details = page.getByRole('region', { name: 'Personal details' });
  await expect(details).toContainText(`Nora ${parent.lastName}`);
  await expect(details).toContainText('Sep 14, 1986');
  await review(page, 'profile', found);

  // The address and preferences save directly.
  const address = page.getByRole('form', { name: 'Address' });
  await address.getByRole('textbox', { name: 'Street address' }).fill('88 Mercer St');
  await address.getByRole('textbox', { name: 'City' }).fill('New York');
  await address.getByRole('textbox', { name: 'State or region' }).fill('NY');
  await address.getByRole('textbox', { name: 'ZIP or postal code' }).fill('10012');
  await address.getByRole('textbox', { name: 'Country code' }).fill('us');
  await address.getByRole('button', { name: 'Save address' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Address saved' })).toBeVisible();
  const preferences = page.getByRole('form', { name: 'Communication preferences' });
  await preferences.getByRole('checkbox', { name: /Send me offers and news/ }).check();
  await preferences.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Preferences saved' })).toBeVisible();
  let onFile = await getJson<{ addressLine1: string; country: string; marketingConsent: boolean; email: string }>(
    staff,
    `/api/v1/patients/${parent.id}`,
  );
  expect(onFile).toMatchObject({ addressLine1: '88 Mercer St', country: 'US', marketingConsent: true, email: parent.email });

  // The email changes only once the code sent to the new address is entered.
  const newEmail = `nora-new-${Date.now().toString(36)}@example.com`;
  await page.getByRole('button', { name: 'Change email' }).click();
  await page.getByRole('textbox', { name: 'New email address' }).fill(newEmail);
  const sentBefore = smtp.received.length;
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByText(`We sent a 6-digit code to ${newEmail}`)).toBeVisible();
  await review(page, 'profile-email-code', found);
  const code = await emailedCode(smtp, newEmail, sentBefore);
  onFile = await getJson(staff, `/api/v1/patients/${parent.id}`);
  expect(onFile.email).toBe(parent.email);
  const wrong = code === '000000' ? '111111' : '000000';
  const codeForm = page.getByRole('form', { name: 'Code for the new contact' });
  await codeForm.getByRole('textbox', { name: 'Code' }).fill(wrong);
  await codeForm.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('That code is not right or has expired.', { exact: false })).toBeVisible();
  await codeForm.getByRole('textbox', { name: 'Code' }).fill(code);
  await codeForm.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Email updated.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Contact' })).toContainText(newEmail);
  onFile = await getJson(staff, `/api/v1/patients/${parent.id}`);
  expect(onFile.email).toBe(newEmail);

  // Staff grant Nora access to Mia's profile: the switcher appears after a reload.
  await postJson(staff, `/api/v1/patients/${child.id}/guardians`, { guardianPatientId: parent.id });
  await page.reload();
  const viewing = page.getByRole('combobox', { name: 'Viewing' });
  await expect(viewing).toBeVisible();
  await viewing.selectOption({ label: `Mia ${child.lastName}` });
  await expect(page.getByRole('heading', { level: 1, name: 'Mia’s profile' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Personal details' })).toContainText('Feb 3, 2014');
  await review(page, 'profile-dependant', found);
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Appointments' }).click();
  const card = page.getByRole('list', { name: 'Upcoming appointments' }).getByRole('article');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Botox');
  await review(page, 'appointments-dependant', found);

  await viewing.selectOption({ label: `Me (Nora ${parent.lastName})` });
  await expect(page.getByRole('heading', { name: 'No upcoming appointments' })).toBeVisible();

  expect(found, found.join('\n')).toEqual([]);
});
